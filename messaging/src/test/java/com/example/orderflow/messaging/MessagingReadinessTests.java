package com.example.orderflow.messaging;

import java.util.List;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * A service is ready only once it can take part in a saga: its listener containers run,
 * every consumer has joined its group, and the outbox relay runs.
 */
class MessagingReadinessTests {

	final KafkaListenerEndpointRegistry registry = mock();

	final ConcurrentMessageListenerContainer<?, ?> container = mock();

	final OutboxRelay relay = mock();

	final ConsumerAssignments assignments = new ConsumerAssignments();

	final MessagingReadiness readiness = new MessagingReadiness(this.registry, this.assignments, this.relay);

	@BeforeEach
	void twoConsumersRunningAndTheRelayToo() {
		given(this.registry.getListenerContainers()).willReturn(List.<MessageListenerContainer>of(this.container));
		given(this.container.isAutoStartup()).willReturn(true);
		given(this.container.isRunning()).willReturn(true);
		List<KafkaMessageListenerContainer<?, ?>> children = List.of(mock(), mock());
		given(this.container.getContainers()).willAnswer((invocation) -> children);
		given(this.container.getAssignedPartitions())
			.willReturn(List.of(new TopicPartition("t", 0), new TopicPartition("t", 1)));
		given(this.relay.isPrepared()).willReturn(true);
	}

	@Test
	void isOutOfServiceUntilEveryConsumerHasJoinedItsGroup() {
		assertThat(this.readiness.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);

		this.assignments.onPartitionsAssigned(mock(Consumer.class), List.of(new TopicPartition("t", 0)));
		assertThat(this.readiness.health().getStatus()).as("one of two consumers joined")
			.isEqualTo(Status.OUT_OF_SERVICE);

		// more instances than partitions: a consumer given nothing has joined all the
		// same
		this.assignments.onPartitionsAssigned(mock(Consumer.class), List.of());
		Health health = this.readiness.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("consumers", 2)
			.containsEntry("consumersJoined", 2)
			.containsEntry("partitions", 2L);
	}

	@Test
	void isOutOfServiceWhileAListenerContainerOrTheRelayIsStopped() {
		this.assignments.onPartitionsAssigned(mock(Consumer.class), List.of());
		this.assignments.onPartitionsAssigned(mock(Consumer.class), List.of());
		assertThat(this.readiness.health().getStatus()).isEqualTo(Status.UP);

		given(this.relay.isPrepared()).willReturn(false);
		assertThat(this.readiness.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);

		given(this.relay.isPrepared()).willReturn(true);
		given(this.container.isRunning()).willReturn(false);
		assertThat(this.readiness.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
	}

	@Test
	void leavesAloneAContainerThatIsNotMeantToStartOnItsOwn() {
		given(this.container.isAutoStartup()).willReturn(false);
		given(this.container.isRunning()).willReturn(false);

		assertThat(this.readiness.health().getStatus()).isEqualTo(Status.UP);
	}

}
