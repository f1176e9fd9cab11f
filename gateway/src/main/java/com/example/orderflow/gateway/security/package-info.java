/**
 * Makes the gateway an OAuth2 resource server: every API call needs a valid bearer token
 * with a role that allows it, checked coarsely here and again, with ownership, by the
 * service; the token travels on to the service unchanged.
 */
package com.example.orderflow.gateway.security;
