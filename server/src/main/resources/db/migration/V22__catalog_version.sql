-- Optimistic concurrency for teams and services (ETag / If-Match, see dev.kintsugi.platform.Versions).
alter table catalog_team add column version integer not null default 0;
alter table catalog_service add column version integer not null default 0;
