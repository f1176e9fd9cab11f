package com.example.orderflow.payment.provider;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the provider is and how to reach it. How often to retry, when to open the breaker
 * and how long one attempt may take are Resilience4j's instance {@code payment-provider}
 * in application.yml.
 *
 * @param url the provider's base URL
 * @param connectTimeout how long opening a connection may take
 */
@ConfigurationProperties("payment.provider")
public record PaymentProviderProperties(URI url, @DefaultValue("1s") Duration connectTimeout) {

}
