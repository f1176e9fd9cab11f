/**
 * Customer accounts: a balance in one currency that deposits raise and payments draw on.
 */
package com.example.orderflow.payment.account;
