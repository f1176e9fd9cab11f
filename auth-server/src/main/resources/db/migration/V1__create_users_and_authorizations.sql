-- Who may sign in. No user is ever created here: operators put them through the
-- user-admin API (./stack token does, with random passwords).
create table users (
    username      varchar(64)  primary key,
    -- the encoder's id and hash, e.g. {bcrypt}$2a$10$...
    password_hash varchar(200) not null,
    role          varchar(16)  not null check (role in ('customer', 'operator')),
    created_at    timestamptz  not null default now(),
    updated_at    timestamptz  not null default now()
);

-- Spring Authorization Server's table (its oauth2-authorization-schema.sql), with
-- PostgreSQL's types as that file asks: text for blob, timestamptz for timestamp.
create table oauth2_authorization (
    id                            varchar(100)  not null primary key,
    registered_client_id          varchar(100)  not null,
    principal_name                varchar(200)  not null,
    authorization_grant_type      varchar(100)  not null,
    authorized_scopes             varchar(1000) default null,
    attributes                    text          default null,
    state                         varchar(500)  default null,
    authorization_code_value      text          default null,
    authorization_code_issued_at  timestamptz   default null,
    authorization_code_expires_at timestamptz   default null,
    authorization_code_metadata   text          default null,
    access_token_value            text          default null,
    access_token_issued_at        timestamptz   default null,
    access_token_expires_at       timestamptz   default null,
    access_token_metadata         text          default null,
    access_token_type             varchar(100)  default null,
    access_token_scopes           varchar(1000) default null,
    oidc_id_token_value           text          default null,
    oidc_id_token_issued_at       timestamptz   default null,
    oidc_id_token_expires_at      timestamptz   default null,
    oidc_id_token_metadata        text          default null,
    refresh_token_value           text          default null,
    refresh_token_issued_at       timestamptz   default null,
    refresh_token_expires_at      timestamptz   default null,
    refresh_token_metadata        text          default null,
    user_code_value               text          default null,
    user_code_issued_at           timestamptz   default null,
    user_code_expires_at          timestamptz   default null,
    user_code_metadata            text          default null,
    device_code_value             text          default null,
    device_code_issued_at         timestamptz   default null,
    device_code_expires_at        timestamptz   default null,
    device_code_metadata          text          default null
);

-- Spring looks a token up by its value (where ... = ?), one column per kind of token.
-- Hashes, since a value can be longer than a btree entry may be (a JWT access token).
create index oauth2_authorization_code on oauth2_authorization using hash (authorization_code_value);
create index oauth2_authorization_access_token on oauth2_authorization using hash (access_token_value);
create index oauth2_authorization_refresh_token on oauth2_authorization using hash (refresh_token_value);
create index oauth2_authorization_state on oauth2_authorization using hash (state);
