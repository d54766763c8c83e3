-- The incident's version the row was read at: listeners of one incident's events run in parallel and may finish out
-- of order; a row is only replaced by a state at least as new as the one it holds (no stale overwrite).
alter table insights_incident add column incident_version bigint;
