-- An incident declared during a game day (module gameday) is a rehearsal: it keeps the game day's id so that
-- insights leave it out of real figures by default and pages can mark it. Null for every real incident.
alter table incident add column game_day_id bigint;
create index incident_game_day_idx on incident (game_day_id);
