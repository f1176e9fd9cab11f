/**
 * The authorization server proper: the two registered clients, what an access token says
 * (subject, roles, audience), refresh tokens, the login page and where authorizations are
 * kept.
 */
package com.example.orderflow.auth.issuer;
