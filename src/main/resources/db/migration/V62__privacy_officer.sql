-- The privacy officer's role, and the months they marked as reviewed (also written to the audit log).
alter table account_roles drop constraint account_roles_role_check;
alter table account_roles add constraint account_roles_role_check
    check (role in ('APPLICANT', 'REVIEWER', 'CHAIR', 'FELLOW', 'ADMIN', 'PRIVACY_OFFICER'));

create table access_record_reviews (
    month        char(7)      primary key,
    reviewed_by  varchar(320) not null,
    reviewed_at  timestamptz  not null,
    note         varchar(2000)
);
