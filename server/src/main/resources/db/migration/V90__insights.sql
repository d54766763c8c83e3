-- The insights read model: kept from the other modules' events (and rebuilt from their facades), never read
-- from their tables. Durations are stored in seconds next to the milestones so that means and percentiles are
-- plain SQL aggregates on H2 and PostgreSQL alike; a null duration is a missing milestone, never 0.
CREATE TABLE insights_incident (
    incident_id        BIGINT PRIMARY KEY,
    incident_key       VARCHAR(40) NOT NULL,
    title              VARCHAR(200) NOT NULL,
    severity           VARCHAR(8) NOT NULL,
    private_incident   BOOLEAN NOT NULL,
    game_day           BOOLEAN NOT NULL DEFAULT FALSE,
    started_at         TIMESTAMP WITH TIME ZONE,
    detected_at        TIMESTAMP WITH TIME ZONE,
    declared_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    acknowledged_at    TIMESTAMP WITH TIME ZONE,
    mitigated_at       TIMESTAMP WITH TIME ZONE,
    resolved_at        TIMESTAMP WITH TIME ZONE,
    start_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    detect_s           BIGINT,
    acknowledge_s      BIGINT,
    mitigate_s         BIGINT,
    resolve_s          BIGINT,
    impact_s           BIGINT
);
CREATE INDEX insights_incident_declared ON insights_incident (declared_at);

CREATE TABLE insights_incident_service (
    incident_id BIGINT NOT NULL REFERENCES insights_incident (incident_id) ON DELETE CASCADE,
    service_id  BIGINT NOT NULL,
    PRIMARY KEY (incident_id, service_id)
);
CREATE INDEX insights_incident_service_service ON insights_incident_service (service_id);

CREATE TABLE insights_incident_team (
    incident_id BIGINT NOT NULL REFERENCES insights_incident (incident_id) ON DELETE CASCADE,
    team_id     BIGINT NOT NULL,
    PRIMARY KEY (incident_id, team_id)
);
CREATE INDEX insights_incident_team_team ON insights_incident_team (team_id);

CREATE TABLE insights_postmortem (
    postmortem_id BIGINT PRIMARY KEY,
    incident_id   BIGINT,
    drafted_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    published_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX insights_postmortem_incident ON insights_postmortem (incident_id);

CREATE TABLE insights_postmortem_service (
    postmortem_id BIGINT NOT NULL REFERENCES insights_postmortem (postmortem_id) ON DELETE CASCADE,
    service_id    BIGINT NOT NULL,
    PRIMARY KEY (postmortem_id, service_id)
);

CREATE TABLE insights_countermeasure (
    countermeasure_id BIGINT PRIMARY KEY,
    postmortem_id     BIGINT NOT NULL,
    team_id           BIGINT,
    status            VARCHAR(16) NOT NULL,
    due_date          DATE,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    done_at           TIMESTAMP WITH TIME ZONE
);
CREATE INDEX insights_countermeasure_team ON insights_countermeasure (team_id);

-- Alert groups as the alerting module's events describe them: how often a group fired, whether its alert is
-- documented in the catalog (definition), and how long it took a person to acknowledge it.
CREATE TABLE insights_alert_group (
    group_id        BIGINT PRIMARY KEY,
    title           VARCHAR(500) NOT NULL,
    definition_id   BIGINT,
    first_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    last_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    triggers        INT NOT NULL,
    acknowledged_at TIMESTAMP WITH TIME ZONE,
    acknowledge_s   BIGINT
);

CREATE TABLE insights_alert_group_team (
    group_id BIGINT NOT NULL REFERENCES insights_alert_group (group_id) ON DELETE CASCADE,
    team_id  BIGINT NOT NULL,
    PRIMARY KEY (group_id, team_id)
);

CREATE TABLE insights_alert_group_service (
    group_id   BIGINT NOT NULL REFERENCES insights_alert_group (group_id) ON DELETE CASCADE,
    service_id BIGINT NOT NULL,
    PRIMARY KEY (group_id, service_id)
);
