/**
 * On-call: schedules made of rotations in layers, with overrides (takes and swaps); escalation policies whose
 * levels page users, schedules or teams, routed by a {@link dev.kintsugi.platform.calendar.WorkCalendar}; pages
 * and their notifications (e-mail, Slack, Mattermost, Microsoft Teams, signed generic webhooks) with retries and
 * a delivery log; fairness reports; the Opsgenie import. Other modules page people through
 * {@link dev.kintsugi.oncall.Paging} and hear back through {@link dev.kintsugi.oncall.PageAcknowledged},
 * {@link dev.kintsugi.oncall.PageEscalated} and {@link dev.kintsugi.oncall.PageResolved}; this module knows
 * nothing of who calls it. Incidents page by themselves: {@code IncidentDeclared} of a configured severity pages
 * the owning teams; the Chaos Monkey's terminations ({@code chaos.MonkeyTerminated}) are announced to the owning
 * teams through their chat and webhook contact methods ({@code MonkeyAnnouncements}: a notice, not a page).
 */
@org.springframework.modulith.ApplicationModule(displayName = "On-call")
package dev.kintsugi.oncall;
