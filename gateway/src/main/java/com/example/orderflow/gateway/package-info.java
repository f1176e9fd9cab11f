/**
 * The public entry point: routes {@code /api/**} to the service that owns each resource.
 */
package com.example.orderflow.gateway;
