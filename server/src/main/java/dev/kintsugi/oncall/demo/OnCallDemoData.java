package dev.kintsugi.oncall.demo;

import dev.kintsugi.oncall.EscalationLevel;
import dev.kintsugi.oncall.EscalationLevel.TargetType;
import dev.kintsugi.oncall.EscalationPolicies;
import dev.kintsugi.oncall.EscalationPolicies.PolicyDraft;
import dev.kintsugi.oncall.Notifications;
import dev.kintsugi.oncall.PolicyRouting;
import dev.kintsugi.oncall.Rotation;
import dev.kintsugi.oncall.Rotation.ShiftUnit;
import dev.kintsugi.oncall.Schedule;
import dev.kintsugi.oncall.ScheduleDraft;
import dev.kintsugi.oncall.Schedules;
import dev.kintsugi.oncall.notify.Channel;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.Role;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demo on-call ({@code --kintsugi.demo=true}), after the incident demo (which makes the people and teams): a
 * schedule for three demo teams (a weekly or daily rotation, and for payments a weekday daytime layer over it), an
 * override (someone covering a night next week), the team's default escalation policy (the schedule, then a lead,
 * then the whole team) and an e-mail contact method for the people on those schedules. Everything through the
 * on-call facades; seeds only when there is no schedule yet, so restarting keeps what a visitor changed.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 6)
@ConditionalOnProperty(name = "kintsugi.demo", havingValue = "true")
class OnCallDemoData implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(OnCallDemoData.class);

    /** A demo team's on-call: its schedule's zone, rotation and the lead paged at level two. */
    record TeamOnCall(String team, String zone, ShiftUnit unit, LocalTime handoff, List<String> people, String lead) {}

    static final List<TeamOnCall> TEAMS = List.of(
            new TeamOnCall(
                    "payments",
                    "Europe/Paris",
                    ShiftUnit.WEEKS,
                    LocalTime.of(10, 0),
                    List.of("amelie.laurent", "jonas.berg", "nadia.okafor"),
                    "amelie.laurent"),
            new TeamOnCall(
                    "storefront",
                    "America/New_York",
                    ShiftUnit.DAYS,
                    LocalTime.of(9, 0),
                    List.of("marcus.reed", "sofia.alvarez", "nadia.okafor"),
                    "marcus.reed"),
            new TeamOnCall(
                    "platform",
                    "Asia/Tokyo",
                    ShiftUnit.WEEKS,
                    LocalTime.of(11, 0),
                    List.of("yuki.tanaka", "lucas.moreau", "amelie.laurent"),
                    "yuki.tanaka"));

    private final Schedules schedules;
    private final EscalationPolicies policies;
    private final Notifications notifications;
    private final TransactionTemplate tx;
    private final Clock clock;

    OnCallDemoData(
            Schedules schedules,
            EscalationPolicies policies,
            Notifications notifications,
            TransactionTemplate tx,
            Clock clock) {
        this.schedules = schedules;
        this.policies = policies;
        this.notifications = notifications;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        Actor.runAsSystem("demo data: on-call schedules, escalation policies, contact methods", this::seed);
    }

    private void seed() {
        if (!tx.execute(s -> schedules.list().isEmpty())) {
            return;
        }
        Instant now = clock.instant();
        for (TeamOnCall t : TEAMS) {
            tx.executeWithoutResult(s -> {
                Schedule schedule = schedules.create(schedule(t, now));
                policies.create(policy(t, schedule.id(), policies.teamId(t.team(), "team")));
            });
        }
        // Nadia covers a night of next week on the payments schedule (an override a visitor can remove)
        ZoneId paris = ZoneId.of("Europe/Paris");
        Instant night = now.atZone(paris)
                .toLocalDate()
                .plusDays(7)
                .atTime(19, 0)
                .atZone(paris)
                .toInstant();
        tx.executeWithoutResult(
                s -> schedules.cover("payments-primary", "nadia.okafor", night, night.plus(Duration.ofHours(14))));
        List<String> people =
                TEAMS.stream().flatMap(t -> t.people().stream()).distinct().toList();
        for (String person : people) {
            Actor.runAs(
                    person,
                    Role.RESPONDER,
                    () -> tx.execute(s -> notifications.addMethod(Channel.EMAIL, person + "@example.com", null, 0)));
        }
        log.info(
                "Demo data: {} on-call schedules and escalation policies, {} contact methods",
                TEAMS.size(),
                people.size());
    }

    /**
     * The team's schedule: its rotation started a few weeks ago at the handoff time (so someone is on call now);
     * payments adds a weekday daytime layer in which its lead takes the calls.
     */
    static ScheduleDraft schedule(TeamOnCall t, Instant now) {
        ZoneId zone = ZoneId.of(t.zone());
        LocalDateTime start = now.atZone(zone)
                .toLocalDate()
                .minusWeeks(4)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .atTime(t.handoff());
        Rotation primary =
                new Rotation("primary", "Primary", 1, t.people(), start, zone, t.unit(), 1, Set.of(), null, null);
        List<Rotation> rotations = t.team().equals("payments")
                ? List.of(
                        primary,
                        new Rotation(
                                "daytime",
                                "Weekday daytime",
                                2,
                                List.of(t.lead(), "jonas.berg"),
                                start,
                                zone,
                                ShiftUnit.WEEKS,
                                1,
                                Set.of(
                                        DayOfWeek.MONDAY,
                                        DayOfWeek.TUESDAY,
                                        DayOfWeek.WEDNESDAY,
                                        DayOfWeek.THURSDAY,
                                        DayOfWeek.FRIDAY),
                                LocalTime.of(9, 0),
                                LocalTime.of(18, 0)))
                : List.of(primary);
        return new ScheduleDraft(t.team() + "-primary", "On call for " + t.team(), t.team(), zone, rotations);
    }

    private static PolicyDraft policy(TeamOnCall t, long scheduleId, long teamId) {
        return new PolicyDraft(
                t.team() + "-default",
                "Default escalation of " + t.team(),
                t.team(),
                true,
                List.of(
                        new EscalationLevel(TargetType.SCHEDULE, null, scheduleId, null, 10),
                        new EscalationLevel(TargetType.USER, t.lead(), null, null, 15),
                        new EscalationLevel(TargetType.TEAM, null, null, teamId, 20)),
                1,
                PolicyRouting.ALWAYS);
    }
}
