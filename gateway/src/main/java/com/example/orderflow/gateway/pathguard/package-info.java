/**
 * Keeps the services' internal endpoints (actuator) out of reach through the gateway by
 * refusing paths that a service would normalise into something the routes never meant to
 * expose.
 */
package com.example.orderflow.gateway.pathguard;
