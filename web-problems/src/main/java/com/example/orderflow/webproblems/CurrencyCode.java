package com.example.orderflow.webproblems;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.example.orderflow.contracts.Money;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * An ISO 4217 currency that prices, orders and accounts can be kept in
 * ({@link Money#isPaymentCurrency}): {@code ZZZ} is three capital letters, not a
 * currency, and {@code XXX} names none. Null is left to {@code @NotNull}.
 */
@Documented
@Constraint(validatedBy = CurrencyCode.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface CurrencyCode {

	String message() default "must be an ISO 4217 currency code such as EUR";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Checks a value against {@link Money#isPaymentCurrency}. */
	class Validator implements ConstraintValidator<CurrencyCode, String> {

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return value == null || Money.isPaymentCurrency(value);
		}

	}

}
