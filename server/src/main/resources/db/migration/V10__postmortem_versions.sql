-- postmortem: optimistic concurrency for every mutable post-mortem resource (ETag / If-Match, see
-- dev.kintsugi.platform.Versions). The post-mortem itself already has its version column.
alter table postmortem_countermeasure add column version integer not null default 0;
alter table postmortem_timeline_entry add column version integer not null default 0;
alter table postmortem_review_meeting add column version integer not null default 0;
