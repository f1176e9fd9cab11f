/**
 * Gives the client the public path of what a service created, never the service's own
 * address.
 */
package com.example.orderflow.gateway.location;
