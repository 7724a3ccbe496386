-- Fellows whose records were destroyed at the end of their retention (5 years after their last
-- grant by default), so that the daily job does not look at them again.
create table fellow_record_destructions (
    account_id   bigint      primary key,
    destroyed_at timestamptz not null
);
