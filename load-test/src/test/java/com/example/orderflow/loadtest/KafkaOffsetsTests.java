package com.example.orderflow.loadtest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaOffsetsTests {

	@Test
	void leavesKafkasOwnTopicsOut() {
		assertThat(KafkaOffsets.isCounted("order.events")).isTrue();
		assertThat(KafkaOffsets.isCounted("order.events.dlt")).isTrue();
		assertThat(KafkaOffsets.isCounted("__consumer_offsets")).isFalse();
		assertThat(KafkaOffsets.isCounted("__transaction_state")).isFalse();
	}

}
