package com.example.orderflow.auth.user;

/**
 * One entry of a 400 problem's {@code errors}.
 *
 * @param field the body field or path variable
 * @param message what is wrong with it
 */
record InvalidField(String field, String message) {

}
