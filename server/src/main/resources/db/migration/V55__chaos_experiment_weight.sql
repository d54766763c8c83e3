-- LitmusChaos's weight per experiment: how much its runs count in the resilience score (1 to 10)
alter table chaos_experiment add column weight int not null default 1;
