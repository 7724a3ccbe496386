-- The privacy policy's versions: a new one whenever its text revision or the retention settings it
-- states change (PrivacyPolicy), each dated, none ever removed.
create table privacy_policy_versions (
    version        int          primary key,
    effective_from timestamptz  not null,
    fingerprint    char(64)     not null,
    facts          text         not null
);

-- Consents item by item, with the policy version the person agreed to; a withdrawal keeps the row.
create table account_consents (
    id             bigint generated always as identity primary key,
    account_id     bigint       not null references accounts (id) on delete cascade,
    item           varchar(40)  not null,
    policy_version int          not null references privacy_policy_versions (version),
    given_at       timestamptz  not null,
    withdrawn_at   timestamptz
);
create unique index account_consents_current_idx on account_consents (account_id, item) where withdrawn_at is null;
