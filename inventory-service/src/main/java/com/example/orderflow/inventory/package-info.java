/**
 * Inventory service: owns products and their stock, and holds stock for orders while the
 * order saga decides whether they go through.
 */
package com.example.orderflow.inventory;
