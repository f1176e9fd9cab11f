/**
 * The product catalogue and its stock levels: what is on the shelf, what is promised to
 * orders, and the API that sets prices and restocks.
 */
package com.example.orderflow.inventory.stock;
