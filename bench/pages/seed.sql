-- Page bench data on top of the demo profile: APPS submitted applications under review on the
-- demo call, 40 reviewers (the 4 demo ones + 36 more) with 3 assignments per application and
-- most reviews submitted (the ranking has rows, each reviewer's queue about 30 items), and
-- 60 finished GPU jobs for the demo fellow. Run with psql -v apps=N.
begin;
insert into accounts (email, display_name, password_hash, email_verified, created_at)
select 'pages' || g || '@bench.aifellows.kr', '지원자 ' || g,
       (select password_hash from accounts where email = 'applicant1@demo.aifellows.kr'), true, now()
from generate_series(1, :apps) g;
insert into account_roles (account_id, role)
select id, 'APPLICANT' from accounts where email like 'pages%@bench.aifellows.kr';

insert into applications (call_id, applicant_account_id, applicant_email, status, name_ko, name_romanized,
        proposal_title, proposal_abstract, proposal_body, requested_gpu_hours, gpu_justification,
        receipt_number, created_at, updated_at, submitted_at)
select (select min(id) from calls), a.id, a.email, 'UNDER_REVIEW', '지원자 ' || n, 'Applicant ' || n,
       '대형 언어 모델 연구 제안 ' || n, '한국어 대형 언어 모델의 정렬과 평가를 연구합니다. ' || repeat('요약 ', 40),
       repeat('연구 계획 본문. ', 200), 1000 + (n * 37) % 20000, 'H100 64장 학습',
       'AIF-2027-1-' || lpad(n::text, 5, '0'), now() - interval '3 days', now() - interval '2 days',
       now() - interval '2 days' + n * interval '1 second'
from (select id, email, substring(email from 'pages(\d+)@')::int n from accounts
      where email like 'pages%@bench.aifellows.kr') a;

insert into application_areas (application_id, area)
select id, (array['NLP','COMPUTER_VISION','REINFORCEMENT_LEARNING','AI_SAFETY'])[1 + id % 4]
from applications where applicant_email like 'pages%';
insert into application_affiliations (application_id, position, institution, title, start_year, end_year)
select id, p, (array['서울대학교','KAIST','POSTECH','연세대학교'])[1 + (id + p) % 4], '연구원', 2015 + p * 3, null
from applications, generate_series(0, 1) p where applicant_email like 'pages%';
insert into application_publications (application_id, position, title, venue, year, authors)
select id, p, 'Paper ' || p || ' of application ' || id, 'NeurIPS', 2020 + p, 'Author A; Author B'
from applications, generate_series(0, 2) p where applicant_email like 'pages%';

-- 36 more reviewers with accounts, so that each reviewer holds about 30 applications.
insert into accounts (email, display_name, password_hash, email_verified, created_at)
select 'reviewer-pages' || g || '@bench.aifellows.kr', '심사위원 ' || g,
       (select password_hash from accounts where email = 'applicant1@demo.aifellows.kr'), true, now()
from generate_series(1, 36) g;
insert into account_roles (account_id, role)
select id, 'REVIEWER' from accounts where email like 'reviewer-pages%@bench.aifellows.kr';
insert into reviewers (email, account_id, name, load_cap, created_at, updated_at)
select email, id, display_name, 40, now(), now() from accounts where email like 'reviewer-pages%@bench.aifellows.kr';
update reviewers set load_cap = 40;

insert into review_rounds (call_id, started_at, due_at)
values ((select min(id) from calls), now() - interval '1 day', now() + interval '14 days');

create temporary table bench_pairs as
select a.id application_id, a.call_id, r.id reviewer_id, k
from (select id, call_id, row_number() over (order by id) rn from applications where applicant_email like 'pages%') a
cross join generate_series(0, 2) k
join (select id, row_number() over (order by id) - 1 idx from reviewers) r
  on r.idx = (a.rn + k * 13) % (select count(*) from reviewers);

insert into review_assignments (call_id, application_id, reviewer_id, state, automatic, affinity, created_at, updated_at)
select call_id, application_id, reviewer_id, 'ACTIVE', true, 0.5, now() - interval '1 day', now() - interval '1 day'
from bench_pairs;

-- Four in five reviews are submitted with scores; the rest are drafts or not started.
insert into reviews (call_id, application_id, reviewer_id, status, confidence, comments_to_applicant,
        confidential_comments, weighted_score, created_at, updated_at, submitted_at)
select call_id, application_id, reviewer_id, 'SUBMITTED', 1 + (application_id + k) % 5, '좋은 제안입니다.', '',
       null, now() - interval '12 hours', now() - interval '12 hours', now() - interval '12 hours'
from bench_pairs where (application_id * 3 + k) % 5 <> 0;
insert into review_scores (review_id, position, score)
select r.id, c.position, 1 + (r.id * 7 + c.position * 3) % 5
from reviews r join call_criteria c on c.call_id = r.call_id;
update reviews r set weighted_score = s.ws
from (select rs.review_id, sum(rs.score * c.weight) / sum(c.weight) ws
      from review_scores rs join reviews rv on rv.id = rs.review_id
      join call_criteria c on c.call_id = rv.call_id and c.position = rs.position group by rs.review_id) s
where s.review_id = r.id;

-- The demo fellow: 60 finished jobs (three pages of the jobs list).
insert into gpu_job (account_id, name, script, nodes, gpus_per_node, gpus, partition_name, time_limit_seconds,
        hold_seconds, launcher, external_id, state, submitted_at, started_at, ended_at, exit_code,
        elapsed_seconds, charged_seconds, cpu_seconds, settled_at)
select w.account_id, 'train-' || g, 'python train.py --step ' || g, 1, 1, 1, 'gpu', 3600, 3600, 'local',
       'bench-' || g, 'COMPLETED', now() - g * interval '1 hour', now() - g * interval '1 hour',
       now() - g * interval '1 hour' + interval '5 minutes', 0, 300, 300, 250, now() - g * interval '1 hour'
from gpu_wallet w join accounts a on a.id = w.account_id, generate_series(1, 60) g
where a.email = 'fellow@demo.aifellows.kr';
commit;
