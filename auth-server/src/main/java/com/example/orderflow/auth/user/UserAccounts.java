package com.example.orderflow.auth.user;

import java.util.List;

import com.example.orderflow.auth.issuer.AccessTokenClaims;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * The user store: what the login form checks passwords against and where a token's role
 * comes from. Users are Spring's own {@link User}, the type an authorization's stored
 * principal may safely be read back as.
 */
@Service
class UserAccounts implements UserDetailsService {

	private final JdbcClient jdbc;

	private final PasswordEncoder passwords;

	UserAccounts(JdbcClient jdbc, PasswordEncoder passwords) {
		this.jdbc = jdbc;
		this.passwords = passwords;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		return this.jdbc.sql("select username, password_hash, role from users where username = ?")
			.param(username)
			.query((row, i) -> User.withUsername(row.getString("username"))
				.password(row.getString("password_hash"))
				.authorities(List.of(new SimpleGrantedAuthority(AccessTokenClaims.ROLE_PREFIX + row.getString("role"))))
				.build())
			.optional()
			.orElseThrow(() -> new UsernameNotFoundException("No such user"));
	}

	/**
	 * Creates the user or replaces its password and role, in one statement so two
	 * operators racing on one name cannot both create it.
	 * @return whether the user is new
	 */
	boolean put(String username, String password, String role) {
		return this.jdbc.sql("""
				insert into users (username, password_hash, role) values (:username, :hash, :role)
				on conflict (username) do update
				  set password_hash = excluded.password_hash, role = excluded.role, updated_at = now()
				returning (xmax = 0) as created""")
			.param("username", username)
			.param("hash", this.passwords.encode(password))
			.param("role", role)
			.query(Boolean.class)
			.single();
	}

}
