-- How much a blind call hides from reviewers (README "Security"): NAMES hides the applicant's and co-authors'
-- names (author lists become "2nd of 5 authors"); STRICT also hides publication titles and repository names.
alter table calls add column blind_level varchar(10) not null default 'NAMES'
    check (blind_level in ('NAMES', 'STRICT'));
