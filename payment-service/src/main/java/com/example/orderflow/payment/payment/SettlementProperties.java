package com.example.orderflow.payment.payment;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param batch how many due payments one round leases and sends to the provider at once
 * @param lease how long a leased payment is left to the instance that leased it; must
 * outlast the slowest call, every retry included, or two instances call at once (harmless
 * thanks to the idempotency key, but wasted)
 * @param pollInterval how often to look for due payments when nothing woke the worker
 * (work left by another instance, or an expired lease)
 */
@ConfigurationProperties("payment.settlement")
record SettlementProperties(@DefaultValue("200") int batch, @DefaultValue("30s") Duration lease,
		@DefaultValue("1s") Duration pollInterval) {

}
