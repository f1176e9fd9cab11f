/**
 * How the HTTP API reports errors: RFC 9457 problem details, with the invalid fields
 * listed for a bad request.
 */
package com.example.orderflow.payment.web;
