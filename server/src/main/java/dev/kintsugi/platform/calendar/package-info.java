/**
 * The shared calendar model: working hours and work weeks in a time zone (Monday–Friday is one choice among
 * others: Sunday–Thursday weeks exist), holidays (a list of dates, or read from an iCalendar file), and the
 * questions every module asks of them: is an instant working time, when is the next working instant, which
 * working intervals fall in a range. On-call routing and escalation pauses use it; the Chaos Monkey's working
 * hours and change freezes are meant to reuse it. Pure values, no storage: each module keeps the calendars it owns.
 */
@org.springframework.modulith.NamedInterface("calendar")
package dev.kintsugi.platform.calendar;
