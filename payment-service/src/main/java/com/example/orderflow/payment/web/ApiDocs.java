package com.example.orderflow.payment.web;

import com.example.orderflow.servicesecurity.Caller;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API description says every operation takes a bearer token and may answer 401 or
 * 403, so the gateway's API page lets a user paste one; the {@link Caller} a controller
 * receives comes from that token, not from the request, and is left out of the
 * parameters.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(security = @SecurityRequirement(name = ApiDocs.BEARER))
@SecurityScheme(name = ApiDocs.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
class ApiDocs {

	static final String BEARER = "bearerAuth";

	static {
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
	}

	// added to what springdoc derives: an @ApiResponse on the method would replace its
	// success response
	@Bean
	OperationCustomizer securityResponses() {
		return (operation,
				handler) -> operation.responses(operation.getResponses()
					.addApiResponse("401", new ApiResponse().description("No valid bearer token"))
					.addApiResponse("403", new ApiResponse().description("The token does not allow this request")));
	}

}
