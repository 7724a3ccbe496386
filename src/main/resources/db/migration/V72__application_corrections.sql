-- Corrections the committee made to submitted applications at their applicants' request
-- (개인정보 정정): which fields, under which request, by whom and when. The values themselves
-- stay in the application only, so that destroying it leaves no copy here.
create table application_corrections (
    id             bigint generated always as identity primary key,
    application_id bigint       not null references applications (id),
    request_id     bigint       not null,
    fields         varchar(200) not null,
    corrected_by   varchar(320) not null,
    corrected_at   timestamptz  not null
);
create index application_corrections_application_idx on application_corrections (application_id);
create index application_corrections_request_idx on application_corrections (request_id);
