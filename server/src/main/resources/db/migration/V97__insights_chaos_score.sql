-- Chaos runs' scores as the chaos module's ChaosRunFinished events carry them (ended, non-dry runs with probes):
-- the steady-state probes passed out of all, the experiment's weight, and the services the run was on. A service's
-- resilience score is read from its last ten.
CREATE TABLE insights_chaos_run (
    run_id   BIGINT PRIMARY KEY,
    ended_at TIMESTAMP WITH TIME ZONE NOT NULL,
    passed   INT NOT NULL,
    total    INT NOT NULL,
    weight   INT NOT NULL
);

CREATE TABLE insights_chaos_run_service (
    run_id     BIGINT NOT NULL REFERENCES insights_chaos_run (run_id) ON DELETE CASCADE,
    service_id BIGINT NOT NULL,
    PRIMARY KEY (run_id, service_id)
);
CREATE INDEX insights_chaos_run_service_service ON insights_chaos_run_service (service_id, run_id);
