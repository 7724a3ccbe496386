-- Text extraction leaves the upload request: a file is committed PENDING and a worker (on any portal
-- instance) extracts its text afterwards. Rows are claimed with FOR UPDATE SKIP LOCKED and a lease, so
-- several instances share the queue and each file is extracted once; a lease left by an instance that
-- died expires and the file is tried again, up to a few attempts.
alter table application_files
    alter column extracted_text drop not null,
    add column extraction_state       varchar(10) not null default 'DONE',
    add column extraction_failure     varchar(40),
    add column extraction_attempts    integer     not null default 0,
    add column extraction_lease_until timestamptz,
    add constraint application_files_extraction_state
        check (extraction_state in ('PENDING', 'DONE', 'FAILED'));

-- Files stored before this migration were extracted at upload; new rows say what they are.
alter table application_files alter column extraction_state drop default;

create index application_files_pending on application_files (id) where extraction_state = 'PENDING';
