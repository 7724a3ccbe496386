-- Up to three people an applicant asks not to review the application (a conflict-of-interest source).
create table application_exclusions (
    application_id bigint       not null references applications (id) on delete cascade,
    position       int          not null,
    name           varchar(200) not null,
    email          varchar(320),
    reason         varchar(500) not null,
    -- The applicant's own advisor or advisee.
    advisor        boolean      not null default false,
    primary key (application_id, position),
    check (position between 0 and 2)
);
