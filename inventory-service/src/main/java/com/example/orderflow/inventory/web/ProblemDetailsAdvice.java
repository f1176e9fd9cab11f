package com.example.orderflow.inventory.web;

import com.example.orderflow.webproblems.InvalidFieldProblems;

import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Renders every error as RFC 9457 problem details. The base class covers Spring MVC's own
 * exceptions, adding the {@code errors} list to a bad request so a client can point at
 * the fields to fix, and every {@code ErrorResponseException}, which is what the
 * features' domain exceptions extend (404 for an unknown product or reservation, 409 for
 * a stock change that breaks a reservation). Ordered before web-problems' fallback, which
 * answers what none of these handlers does: the database out of reach for a moment with a
 * 503, the unexpected with a 500.
 */
@RestControllerAdvice
@Order(0)
class ProblemDetailsAdvice extends InvalidFieldProblems {

}
