/**
 * Each servlet service checks the bearer token again behind the gateway, so that reaching
 * a service directly gains nothing: the JWT's signature against the issuer's JWK set, its
 * issuer, audience and expiry; roles from a claim; 401 and 403 as problem details; the
 * {@link com.example.orderflow.servicesecurity.Caller} for the services' own ownership
 * checks.
 */
@NullMarked
package com.example.orderflow.servicesecurity;

import org.jspecify.annotations.NullMarked;
