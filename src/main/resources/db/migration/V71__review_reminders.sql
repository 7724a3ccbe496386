-- Reminders the chair sent to reviewers whose reviews are overdue: at most one per
-- reviewer per day (Korean calendar day), whoever presses the button on any instance.
create table review_reminders (
    reviewer_id bigint       not null references reviewers (id) on delete cascade,
    sent_on     date         not null,
    call_id     bigint       not null references calls (id),
    sent_by     varchar(320) not null,
    sent_at     timestamptz  not null,
    primary key (reviewer_id, sent_on)
);
