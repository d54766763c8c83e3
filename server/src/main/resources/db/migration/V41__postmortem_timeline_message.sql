-- postmortem: entries a draft brings over from its incident keep the incident's message as data (a message code
-- and its typed arguments as a JSON array, as incident_timeline_entry does since V25), so that a reader sees them
-- in their own language. body keeps the English text; people's entries, and entries someone edited, have none.
alter table postmortem_timeline_entry add column message_code varchar(100);
alter table postmortem_timeline_entry add column message_args text;
