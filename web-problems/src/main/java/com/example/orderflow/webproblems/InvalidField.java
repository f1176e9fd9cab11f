package com.example.orderflow.webproblems;

/**
 * One entry of a problem's {@code errors}: what a client has to fix, and where.
 *
 * @param field the body field (a JSON path such as {@code items[0].sku}), path variable,
 * query parameter or header
 * @param message what is wrong with it
 */
public record InvalidField(String field, String message) {

}
