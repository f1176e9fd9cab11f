/**
 * For every module's tests:
 * {@link com.example.orderflow.servicesecurity.test.TestIssuer}, a real JWK set served
 * over HTTP and the tokens, good and bad, a resource server must tell apart.
 */
@NullMarked
package com.example.orderflow.servicesecurity.test;

import org.jspecify.annotations.NullMarked;
