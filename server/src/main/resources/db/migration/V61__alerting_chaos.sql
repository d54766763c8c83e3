-- Chaos runs in progress, as alerting heard them (ChaosRunStarted / ChaosRunFinished): an alert on one of their
-- services while they run is expected.
create table alerting_chaos_run (
    run_id        bigint       primary key,
    experiment_id bigint       not null,
    started_by    varchar(64),
    service_ids   varchar(2000) not null,
    started_at    timestamp with time zone not null,
    finished_at   timestamp with time zone
);
create index alerting_chaos_run_open_ix on alerting_chaos_run (finished_at);

alter table alerting_group add column expected_run_id bigint;
alter table alerting_group add column expected_by varchar(64);
