-- A mail is claimed (status SENDING) in its own committed transaction before it is handed to the
-- SMTP server, and marked SENT afterwards. A claim whose instance died expires at claimed_until and
-- is delivered again with the same Message-ID; handoffs counts how often it was handed over.
alter table mail_outbox add column claimed_until timestamptz;
alter table mail_outbox add column handoffs int not null default 0;
drop index mail_outbox_pending_idx;
create index mail_outbox_deliverable_idx on mail_outbox (id) where status in ('PENDING', 'SENDING');
