package com.example.orderflow.webproblems;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.core.Ordered;

/**
 * How strictly every service reads a JSON body: a value the client did not mean is a 400
 * naming the field ({@link InvalidFieldProblems}), never a value silently changed on the
 * way in. One place, so that a service cannot drift from the others (a payment service
 * that read a deposit of 1.99 as 1 did).
 * <ul>
 * <li>a fraction where a whole number is expected (an amount in cents, a quantity) is
 * refused, not truncated;</li>
 * <li>a number written as a string ({@code "12"}) is refused where a number is expected,
 * and null where a primitive is expected;</li>
 * <li>an enum is named, not numbered;</li>
 * <li>nothing may follow the JSON value;</li>
 * <li>text is {@link PlainText}.</li>
 * </ul>
 * Applied after Boot's own customizer, so {@code spring.jackson.*} cannot undo it.
 */
class StrictJson implements JsonMapperBuilderCustomizer, Ordered {

	@Override
	public void customize(JsonMapper.Builder builder) {
		builder.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
			.withCoercionConfig(LogicalType.Integer,
					(config) -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Float,
					(config) -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
			.addModule(new SimpleModule("orderflow-plain-text").addDeserializer(String.class,
					new PlainTextDeserializer()));
	}

	@Override
	public int getOrder() {
		return 10;
	}

	/** Strings as Jackson reads them, refused when they are not {@link PlainText}. */
	static final class PlainTextDeserializer extends StringDeserializer {

		@Override
		public String deserialize(JsonParser parser, DeserializationContext context) {
			String text = super.deserialize(parser, context);
			if (text != null && !PlainText.isPlain(text)) {
				throw new NotPlainText(parser);
			}
			return text;
		}

	}

	/**
	 * Jackson adds the path of the offending field as the failure passes up, which is how
	 * the problem names it.
	 */
	static final class NotPlainText extends MismatchedInputException {

		NotPlainText(JsonParser parser) {
			super(parser, "text " + PlainText.RULE, String.class);
		}

	}

}
