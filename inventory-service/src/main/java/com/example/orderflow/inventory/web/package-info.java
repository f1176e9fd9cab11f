/**
 * How the HTTP API reports errors: RFC 9457 problem details for every failure; and how it
 * describes itself (bearer tokens required).
 */
package com.example.orderflow.inventory.web;
