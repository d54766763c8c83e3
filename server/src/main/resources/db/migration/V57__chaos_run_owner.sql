-- chaos: which instance runs a run, and when it last said so: another instance takes over (interrupts it and
-- reverts its faults) only the runs whose instance stopped saying so, never a live instance's runs
alter table chaos_run add column owner varchar(64);
alter table chaos_run add column alive_at timestamp with time zone;
