-- Chaos Monkey terminations as the chaos module's MonkeyTerminated events describe them: one row per termination
-- (carried out, or only recorded because the monkey was leashed), with the service and the teams owning it then.
CREATE TABLE insights_monkey_termination (
    termination_id BIGINT PRIMARY KEY,
    service_id     BIGINT NOT NULL,
    kind           VARCHAR(24) NOT NULL,
    leashed        BOOLEAN NOT NULL,
    occurred_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX insights_monkey_termination_at ON insights_monkey_termination (occurred_at);

CREATE TABLE insights_monkey_termination_team (
    termination_id BIGINT NOT NULL REFERENCES insights_monkey_termination (termination_id) ON DELETE CASCADE,
    team_id        BIGINT NOT NULL,
    PRIMARY KEY (termination_id, team_id)
);
