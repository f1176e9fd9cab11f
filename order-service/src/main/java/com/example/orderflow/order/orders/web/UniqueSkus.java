package com.example.orderflow.order.orders.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * Each sku at most once per order: a second line for the same sku would be priced and
 * reserved twice under one key everywhere downstream.
 */
@Documented
@Constraint(validatedBy = UniqueSkus.Validator.class)
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@interface UniqueSkus {

	String message() default "must not contain the same sku twice";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<UniqueSkus, List<PlaceOrderRequest.Item>> {

		@Override
		public boolean isValid(List<PlaceOrderRequest.Item> items, ConstraintValidatorContext context) {
			if (items == null) {
				return true;
			}
			Set<String> skus = new HashSet<>();
			for (PlaceOrderRequest.Item item : items) {
				// blank skus are reported by @NotBlank already
				if (item != null && item.sku() != null && !item.sku().isBlank() && !skus.add(item.sku())) {
					return false;
				}
			}
			return true;
		}

	}

}
