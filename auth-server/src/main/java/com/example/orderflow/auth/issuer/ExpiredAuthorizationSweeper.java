package com.example.orderflow.auth.issuer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Spring keeps every authorization (a code, a client-credentials token, a refresh token)
 * and never deletes one; this drops those whose every token has expired, so the table
 * stays the size of what is in use. An hour's grace keeps a row a client may still be
 * told about ("invalid_grant") rather than find unknown.
 */
@Component
class ExpiredAuthorizationSweeper {

	private static final Logger log = LoggerFactory.getLogger(ExpiredAuthorizationSweeper.class);

	private final JdbcClient jdbc;

	ExpiredAuthorizationSweeper(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Scheduled(fixedDelayString = "${auth.sweep-interval:PT1H}", initialDelayString = "${auth.sweep-interval:PT1H}")
	int sweep() {
		// greatest() ignores nulls: the latest expiry of whatever tokens the row holds
		int deleted = this.jdbc.sql("""
				delete from oauth2_authorization
				where greatest(authorization_code_expires_at, access_token_expires_at, oidc_id_token_expires_at,
				               refresh_token_expires_at) < now() - interval '1 hour'""").update();
		if (deleted > 0) {
			log.info("Deleted {} expired authorizations", deleted);
		}
		return deleted;
	}

}
