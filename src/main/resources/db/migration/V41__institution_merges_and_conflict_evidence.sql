-- Spellings a chair merged into one institution for the conflict checks (issue 25), and the
-- evidence of each conflict as a message code with its arguments, so that the chair reads why
-- it was found in Korean or English.
create table review_institution_merges (
    id           bigint generated always as identity primary key,
    spelling     varchar(300) not null,
    spelling_key varchar(300) not null unique,
    target       varchar(300) not null,
    target_key   varchar(300) not null,
    merged_by    varchar(320) not null,
    merged_at    timestamptz  not null
);

alter table review_conflicts add column evidence_code varchar(100);
alter table review_conflicts add column evidence_args text;
