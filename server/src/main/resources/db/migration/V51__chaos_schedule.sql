-- chaos: when an experiment's cron schedule last fired (claimed by one instance, version-guarded)
alter table chaos_experiment add column last_scheduled_at timestamp with time zone;
