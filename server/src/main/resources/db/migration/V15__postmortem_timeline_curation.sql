-- postmortem: the draft carries the incident's whole timeline to curate. Each entry is kept (shown on the read
-- page and in exports) or dropped (visible to the editors only); incident_kind says what the incident entry
-- recorded (NOTE, STATUS_UPDATE, ROLE_CHANGE, MILESTONE, ...), null for entries not from the incident.
alter table postmortem_timeline_entry add column kept boolean not null default true;
alter table postmortem_timeline_entry add column incident_kind varchar(20);
