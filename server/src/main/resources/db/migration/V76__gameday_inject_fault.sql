-- gameday: an inject may name one fault of the chaos catalogue directly (a hub built-in made into a one-fault
-- experiment of the service when the inject is added): the fault, the service, its chaos target and the values.
alter table gameday_inject add column fault varchar(32);
alter table gameday_inject add column fault_service varchar(200);
alter table gameday_inject add column fault_target_id bigint;
alter table gameday_inject add column fault_parameters varchar(1000);
