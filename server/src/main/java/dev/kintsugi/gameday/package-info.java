/**
 * Game days: people break a system on purpose, watch it and restore it together. A plan (story, mode, date,
 * target services, hypotheses, objectives), teams of heroes, roles per user, a readiness checklist, a scenario
 * backlog voted on, invitations ({@code .ics}, by e-mail); injects (chaos experiment runs through {@code chaos},
 * single faults of its catalogue made into one-fault hub experiments, or tabletop texts; by hand or on a timer,
 * changed or removed until they fire); the heroes'
 * response (incidents declared through {@code incident}, hypotheses, findings, milestones, diagnoses and hints);
 * the live scoreboard ({@link dev.kintsugi.gameday.Scoring}, topic {@code gameday:<id>}); the end, which stops
 * every run the game day started (their faults are reverted by chaos); the debrief and its post-mortem draft
 * (through {@code postmortem}). Facades: {@link dev.kintsugi.gameday.GameDays},
 * {@link dev.kintsugi.gameday.GameDayInvitations}, {@link dev.kintsugi.gameday.GameDayInjects},
 * {@link dev.kintsugi.gameday.GameDayPlay}, {@link dev.kintsugi.gameday.GameDayDebrief}. Events:
 * {@link dev.kintsugi.gameday.GameDayPlanned}, {@link dev.kintsugi.gameday.GameDayChanged},
 * {@link dev.kintsugi.gameday.GameDayStarted}, {@link dev.kintsugi.gameday.GameDayEnded}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Game days")
package dev.kintsugi.gameday;
