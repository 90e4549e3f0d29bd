-- API tokens: only the SHA-256 of a secret is kept; the unique index is the lookup of every
-- request that presents a token.
create table api_token (
    id uuid not null,
    name varchar(100) not null,
    secret_hash varchar(64) not null,
    roles varchar(200) not null,
    queues varchar(2000),
    expires_at timestamp(6) with time zone,
    created_at timestamp(6) with time zone not null,
    created_by varchar(200) not null,
    primary key (id),
    constraint uk_api_token_secret_hash unique (secret_hash));
