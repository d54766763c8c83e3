-- Spring Modulith's event publication registry, owned by Flyway (schema-initialization is off) so that it has the
-- same shape on H2 and PostgreSQL and holds events of any size: Modulith's own H2 schema caps a serialized event
-- at 4,000 characters, and incident events carry descriptions and notes of up to 50,000.
-- Completed publications move to event_publication_archive (completion-mode: archive) and are purged from there
-- after kintsugi.events.completed-retention.
create table if not exists event_publication (
    id                     uuid         not null primary key,
    listener_id            varchar(512) not null,
    event_type             varchar(512) not null,
    serialized_event       varchar(1000000) not null,
    publication_date       timestamp with time zone not null,
    completion_date        timestamp with time zone,
    status                 varchar(20),
    completion_attempts    integer,
    last_resubmission_date timestamp with time zone
);
-- databases where Modulith created the table itself
drop index if exists event_publication_by_listener_id_and_serialized_event_idx;
drop index if exists event_publication_serialized_event_hash_idx;
alter table event_publication alter column serialized_event set data type varchar(1000000);
create index if not exists event_publication_listener_ix on event_publication (listener_id);
create index if not exists event_publication_by_completion_date_idx on event_publication (completion_date);

create table if not exists event_publication_archive (
    id                     uuid         not null primary key,
    listener_id            varchar(512) not null,
    event_type             varchar(512) not null,
    serialized_event       varchar(1000000) not null,
    publication_date       timestamp with time zone not null,
    completion_date        timestamp with time zone,
    status                 varchar(20),
    completion_attempts    integer,
    last_resubmission_date timestamp with time zone
);
create index if not exists event_publication_archive_completion_ix on event_publication_archive (completion_date);
