/**
 * auth-server: the OAuth 2.1 / OpenID Connect issuer of orderflow, signing JWT access
 * tokens for customers, operators and the tools with keys it reads from a directory.
 */
package com.example.orderflow.auth;
