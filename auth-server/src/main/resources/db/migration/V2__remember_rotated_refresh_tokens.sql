-- Refresh tokens that a refresh replaced, by their SHA-256 (never the token itself), so a
-- second use of one is recognised as the theft it is and revokes its authorization
-- (OAuth 2.1, RFC 9700). Gone with the authorization when the sweeper deletes it.
create table rotated_refresh_tokens (
    token_sha256     char(64)     primary key,
    authorization_id varchar(100) not null references oauth2_authorization (id) on delete cascade,
    rotated_at       timestamptz  not null default now()
);
create index rotated_refresh_tokens_authorization on rotated_refresh_tokens (authorization_id);
