-- the post-mortem started from a deviating run (its key, PM-n), so the run page links to it and a second click
-- opens the same draft
alter table chaos_run add column postmortem_key varchar(20);
