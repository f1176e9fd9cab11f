package com.example.orderflow.messaging;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessagePrincipalTests {

	@Test
	void actsForThePrincipalOnlyInsideTheWorkAndRestoresTheOuterOne() {
		String inside = MessagePrincipal.callAs("alice", () -> {
			String nested = MessagePrincipal.callAs("operator-1", MessagePrincipal::current);
			assertThat(nested).isEqualTo("operator-1");
			return MessagePrincipal.current();
		});

		assertThat(inside).isEqualTo("alice");
		assertThat(MessagePrincipal.current()).isNull();
	}

	@Test
	void actsForNobodyWhenToldNullOrBlankEvenInsideWorkForSomeone() {
		MessagePrincipal.runAs("alice", () -> {
			assertThat(MessagePrincipal.callAs(null, MessagePrincipal::current)).isNull();
			assertThat(MessagePrincipal.callAs(" ", MessagePrincipal::current)).isNull();
			assertThat(MessagePrincipal.current()).isEqualTo("alice");
		});
	}

	@Test
	void restoresTheOuterPrincipalWhenTheWorkFails() {
		MessagePrincipal.runAs("alice", () -> {
			try {
				MessagePrincipal.runAs("bob", () -> {
					throw new IllegalStateException("failed");
				});
			}
			catch (IllegalStateException expected) {
				// the outer work goes on
			}
			assertThat(MessagePrincipal.current()).isEqualTo("alice");
		});
	}

}
