-- Each restore from a backup (portal.backup.restore-from), so that a restart with the same setting does not
-- restore again and the admin page can say where the data came from.
create table backup_restores (
    id             bigint generated always as identity primary key,
    backup         varchar(100) not null,
    backup_created timestamptz  not null,
    restored_at    timestamptz  not null
);
