-- the tolerance a steady-state probe was checked against (as the engine substituted it), shown beside its value
alter table chaos_run_activity add column tolerance varchar(500);
