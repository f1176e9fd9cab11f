package com.example.orderflow.auth.issuer;

import java.util.UUID;

import com.example.orderflow.auth.AuthServerIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

class ExpiredAuthorizationSweeperIntegrationTests extends AuthServerIntegrationTest {

	@Autowired
	private ExpiredAuthorizationSweeper sweeper;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void dropsAuthorizationsWhoseEveryTokenExpiredAnHourAgoAndKeepsTheRest() {
		String expired = insert("now() - interval '3 hours'", "now() - interval '2 hours'");
		String refreshable = insert("now() - interval '3 hours'", "now() + interval '5 hours'");
		String recent = insert("now() - interval '10 minutes'", null);

		this.sweeper.sweep();

		assertThat(exists(expired)).isFalse();
		assertThat(exists(refreshable)).isTrue();
		assertThat(exists(recent)).isTrue();
	}

	private String insert(String accessTokenExpiresAt, String refreshTokenExpiresAt) {
		String id = UUID.randomUUID().toString();
		this.jdbc
			.sql("""
					insert into oauth2_authorization (id, registered_client_id, principal_name, authorization_grant_type,
					                                  access_token_value, access_token_expires_at, refresh_token_value,
					                                  refresh_token_expires_at)
					values (:id, 'client', 'someone', 'authorization_code', 'a', %s, 'r', %s)"""
				.formatted(accessTokenExpiresAt, (refreshTokenExpiresAt != null) ? refreshTokenExpiresAt : "null"))
			.param("id", id)
			.update();
		return id;
	}

	private boolean exists(String id) {
		return this.jdbc.sql("select count(*) from oauth2_authorization where id = ?")
			.param(id)
			.query(Integer.class)
			.single() == 1;
	}

}
