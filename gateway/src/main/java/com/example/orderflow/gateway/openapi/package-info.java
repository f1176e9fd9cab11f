/**
 * Publishes one OpenAPI document for the public API ({@code /api/openapi.json}), merged
 * from the services' own documents and limited to what the gateway routes, plus a Swagger
 * UI for it at {@code /api/docs}.
 */
package com.example.orderflow.gateway.openapi;
