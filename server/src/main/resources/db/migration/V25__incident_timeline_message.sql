-- incident: system timeline entries as data (a message code of the incident bundle and its typed arguments as a
-- JSON array), rendered in the reader's language. body keeps their English text; older rows have body only.
alter table incident_timeline_entry add column message_code varchar(100);
alter table incident_timeline_entry add column message_args text;
