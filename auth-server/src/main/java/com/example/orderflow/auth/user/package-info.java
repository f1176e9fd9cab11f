/**
 * The people who sign in: customers and operators with a bcrypt-hashed password and one
 * role, kept in this server's database and managed by operators through {@code PUT
 * /users/{username}}.
 */
package com.example.orderflow.auth.user;
