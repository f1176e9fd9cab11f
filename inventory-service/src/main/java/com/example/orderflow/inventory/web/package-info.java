/**
 * How the HTTP API reports errors: RFC 9457 problem details for every failure.
 */
package com.example.orderflow.inventory.web;
