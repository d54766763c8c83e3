-- An expected alert group keeps the whole expectation: its kind (chaos-run, monkey-termination, game-day, …), its
-- reference in that kind's module, its owner (expected_by, as before) and when it started. Today's groups came
-- from chaos runs: they keep their run as reference, and the run's start when alerting still knows the run.
alter table alerting_group add column expected_kind varchar(32);
alter table alerting_group add column expected_reference bigint;
alter table alerting_group add column expected_started_at timestamp with time zone;
update alerting_group set expected_kind = 'chaos-run', expected_reference = expected_run_id,
    expected_started_at = (select r.started_at from alerting_chaos_run r where r.run_id = alerting_group.expected_run_id)
    where expected_run_id is not null;
alter table alerting_group drop column expected_run_id;
