/**
 * The RSA signing keys: read from a directory of PEM files, the newest signs, all are
 * published on the JWK set so that tokens signed before a rotation keep verifying.
 */
package com.example.orderflow.auth.keys;
