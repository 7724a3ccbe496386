create table accounts (
    id                 bigint generated always as identity primary key,
    email              varchar(320) not null,
    display_name       varchar(200) not null,
    password_hash      varchar(200) not null,
    email_verified     boolean      not null default false,
    failed_login_count int          not null default 0,
    locked_until       timestamptz,
    preferred_locale   varchar(10)  not null default 'ko',
    created_at         timestamptz  not null,
    version            bigint       not null default 0
);
create unique index accounts_email_uq on accounts (lower(email));

create table account_roles (
    account_id bigint      not null references accounts (id) on delete cascade,
    role       varchar(20) not null check (role in ('APPLICANT', 'REVIEWER', 'CHAIR', 'FELLOW', 'ADMIN')),
    primary key (account_id, role)
);

create table account_tokens (
    id         bigint generated always as identity primary key,
    token_hash varchar(64) not null unique,
    purpose    varchar(30) not null,
    account_id bigint      not null references accounts (id) on delete cascade,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz
);
create index account_tokens_account_idx on account_tokens (account_id, purpose);

create table invitations (
    id                  bigint generated always as identity primary key,
    email               varchar(320) not null,
    role                varchar(20)  not null,
    invited_by          varchar(320) not null,
    token_hash          varchar(64)  not null unique,
    created_at          timestamptz  not null,
    expires_at          timestamptz  not null,
    accepted_at         timestamptz,
    accepted_account_id bigint references accounts (id)
);

-- Spring Security's persistent remember-me tokens.
create table persistent_logins (
    username  varchar(320) not null,
    series    varchar(64) primary key,
    token     varchar(64)  not null,
    last_used timestamp    not null
);
