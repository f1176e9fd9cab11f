package com.example.orderflow.servicesecurity;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;

/**
 * Where a service describes its API with springdoc, the description says every operation
 * takes a bearer token and may answer 401 or 403, so the gateway's API page lets a user
 * paste one. One scheme name in every service, so the gateway merges the services'
 * documents into one scheme. The {@link Caller} a controller receives comes from the
 * token, not from the request, and is left out of the parameters.
 */
@AutoConfiguration
@ConditionalOnClass(OpenApiCustomizer.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
public class BearerApiDocsAutoConfiguration {

	static final String SCHEME = "bearerAuth";

	static {
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
	}

	@Bean
	OpenApiCustomizer bearerScheme() {
		return (openApi) -> {
			if (openApi.getComponents() == null) {
				openApi.setComponents(new Components());
			}
			openApi.getComponents()
				.addSecuritySchemes(SCHEME,
						new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT"));
			openApi.addSecurityItem(new SecurityRequirement().addList(SCHEME));
		};
	}

	/**
	 * Added to what springdoc derives, where an operation does not say more itself: an
	 * {@code @ApiResponse} on the method would replace its success response.
	 */
	@Bean
	OperationCustomizer securityResponses() {
		return (operation, handler) -> {
			ApiResponses responses = operation.getResponses();
			responses.putIfAbsent("401", new ApiResponse().description("No valid bearer token"));
			responses.putIfAbsent("403", new ApiResponse().description("The token does not allow this request"));
			return operation;
		};
	}

}
