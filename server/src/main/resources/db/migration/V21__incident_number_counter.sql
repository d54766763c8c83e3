-- Incident numbers come from a counter row updated in the declaring transaction: a refused or failed declaration
-- rolls its increment back (a sequence would not be, on PostgreSQL), so numbers have no gaps.
create table incident_number_counter (
    id          integer not null primary key,
    last_number bigint  not null
);
insert into incident_number_counter (id, last_number) select 1, coalesce(max(number), 0) from incident;
drop sequence if exists incident_number_seq;
