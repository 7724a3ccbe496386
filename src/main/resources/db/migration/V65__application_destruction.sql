-- Applications whose retention ran out keep only what statistics need (call, state, research
-- areas, dates); their personal data, files and reviews are destroyed and destroyed_at says when.
alter table applications add column destroyed_at timestamptz;
create index applications_not_destroyed_idx on applications (call_id) where destroyed_at is null;
