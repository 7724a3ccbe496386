-- Access records (개인정보 접속기록): who handled which applicant's personal data, when, from where and why.
-- Append-only: updates are always refused; deletes only by the retention job, which sets
-- portal.access_records_prune for its own transaction and moves the chain's anchor past what it removes.
-- Each entry's hash covers its fields and the previous entry's hash, so a changed, removed or
-- inserted row breaks the chain (AccessRecords.verify).
create sequence access_records_seq;
create table access_records (
    id                   bigint        primary key,
    occurred_at          timestamptz   not null,
    actor                varchar(320)  not null,
    remote_address       varchar(64),
    applicant_account_id bigint,
    action               varchar(20)   not null,
    target               varchar(400)  not null,
    reason               varchar(500),
    prev_hash            char(64)      not null,
    hash                 char(64)      not null
);
create index access_records_applicant_idx on access_records (applicant_account_id, id);
create index access_records_occurred_idx on access_records (occurred_at);

-- Where the chain starts after the retention job removed its oldest entries.
create table access_records_anchor (
    singleton    boolean  primary key default true check (singleton),
    last_id      bigint   not null,
    last_hash    char(64) not null
);

create function access_records_refuse_change() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' and coalesce(current_setting('portal.access_records_prune', true), '') = 'on' then
        return old;
    end if;
    raise exception 'access_records is append-only';
end
$$;
create trigger access_records_append_only before update or delete on access_records
    for each row execute function access_records_refuse_change();
create trigger access_records_no_truncate before truncate on access_records
    for each statement execute function access_records_refuse_change();
