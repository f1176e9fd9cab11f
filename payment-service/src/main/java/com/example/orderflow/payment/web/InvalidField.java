package com.example.orderflow.payment.web;

/**
 * One entry of a 400 problem's {@code errors}.
 *
 * @param field the body field, path variable or query parameter
 * @param message what is wrong with it
 */
record InvalidField(String field, String message) {

}
