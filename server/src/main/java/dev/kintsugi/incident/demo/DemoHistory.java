package dev.kintsugi.incident.demo;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.incident.ClosureReason;
import dev.kintsugi.incident.DeclareIncident;
import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.IncidentRole;
import dev.kintsugi.incident.IncidentStatus;
import dev.kintsugi.incident.Milestone;
import dev.kintsugi.incident.Severity;
import dev.kintsugi.incident.Transition;
import dev.kintsugi.incident.UpdateIncident;
import dev.kintsugi.incident.Visibility;
import dev.kintsugi.incident.demo.DemoScenarios.Outcome;
import dev.kintsugi.incident.demo.DemoScenarios.Scenario;
import dev.kintsugi.platform.AdjustableClock;
import dev.kintsugi.platform.UserManagement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Plays the demo company's incidents through the facade, step by step, each step as the person who took it and
 * at the time it happened. One transaction per incident. A fixed random seed makes every demo the same, relative
 * to today.
 */
final class DemoHistory extends DemoSteps {
    private static final long SEED = 20_260_101L;

    private final TransactionTemplate tx;

    DemoHistory(
            IncidentManagement incidents,
            CatalogManagement catalog,
            UserManagement users,
            AdjustableClock clock,
            TransactionTemplate tx,
            DemoData.Acting acting,
            Instant now) {
        super(incidents, catalog, users, clock, acting, now, new Random(SEED));
        this.tx = tx;
    }

    /** The year behind us, oldest first, so incident numbers follow time. Answers how many were seeded. */
    int seedPast() {
        List<Scenario> scenarios = DemoScenarios.PAST;
        Instant today = now.truncatedTo(ChronoUnit.DAYS);
        Instant previousDeclared = null;
        Long previousId = null;
        for (int i = 0; i < scenarios.size(); i++) {
            Scenario sc = scenarios.get(i);
            double position = (i + random.nextDouble() * 0.8) / scenarios.size();
            long daysAgo = 360 - Math.round(position * 355);
            Instant declared = sc.outcome() == Outcome.DUPLICATE && previousDeclared != null
                    ? previousDeclared.plus(minutes(4, 9))
                    : today.minus(Duration.ofDays(daysAgo)).plus(minutes(0, 24 * 60 - 1));
            Long duplicateOf = previousId;
            previousId = tx.execute(s -> playPast(sc, declared, duplicateOf));
            previousDeclared = declared;
        }
        return scenarios.size();
    }

    private long playPast(Scenario sc, Instant declared, Long duplicateOf) {
        Severity sev = sc.severity();
        int level = sev.level();
        boolean quick = sc.outcome() == Outcome.DUPLICATE;
        boolean noIncident = sc.outcome() == Outcome.FALSE_POSITIVE || sc.outcome() == Outcome.CANCELLED;
        boolean customerFacing = level <= 3 && !noIncident && !quick;
        List<String> team = teamOf(sc.services().getFirst());
        String declarer = pick(team);
        String commander = pickOther(team, declarer);
        String scribe = pickOther(responders, commander);
        String comms = pickOther(responders, commander, scribe);
        String engineer = pickOther(team, commander);
        String writer = customerFacing ? comms : commander;

        // Worse incidents are seen, declared and acknowledged sooner, and run shorter.
        Instant detected = declared.minus(scaled(level, 1, 4));
        Instant impact = detected.minus(scaled(level, 1, 5));
        Instant ack = declared.plus(scaled(level, 1, 3));
        Instant identified = quick ? ack.plus(minutes(2, 4)) : ack.plus(scaled(level, 8, 25));
        Instant mitigated = quick ? identified.plus(minutes(1, 3)) : identified.plus(scaled(level, 5, 30));
        Instant resolved = quick ? mitigated.plus(minutes(1, 3)) : mitigated.plus(scaled(level, 20, 60));

        // Some incidents start one level milder and are raised once the scope is known.
        boolean escalated = !quick && !noIncident && level <= 3 && random.nextDouble() < 0.25;
        Severity declaredAs = escalated ? Severity.values()[level] : sev;
        String key = at(
                declarer,
                declared,
                () -> incidents
                        .declare(new DeclareIncident(
                                sc.title(),
                                DemoTexts.description(sc),
                                declaredAs,
                                sc.services(),
                                impact,
                                detected,
                                false,
                                null,
                                declared))
                        .key());
        note(key, declarer, declared.plusSeconds(50), "on-call", DemoTexts.firstNote(random, sc));
        at(commander, ack, () -> incidents.acknowledge(key));
        if (level <= 3 || random.nextBoolean()) {
            at(commander, ack.plusSeconds(40), () -> incidents.assign(key, IncidentRole.SCRIBE, scribe));
        }
        if (customerFacing) {
            at(commander, ack.plusSeconds(70), () -> incidents.assign(key, IncidentRole.COMMUNICATIONS, comms));
            statusUpdate(
                    key,
                    comms,
                    ack.plus(Duration.ofMinutes(3)),
                    Visibility.PUBLIC,
                    "We are investigating problems with " + serviceNames(sc) + ". "
                            + sc.symptom()
                                    .replaceAll("`[^`]*`", "errors")
                                    .split("; ")[0]
                                    .replaceAll("\\.$", "") + ". Next update in 30 minutes.");
        } else {
            statusUpdate(
                    key,
                    commander,
                    ack.plus(Duration.ofMinutes(4)),
                    Visibility.INTERNAL,
                    "Limited impact so far; " + (team.size() > 1 ? "the owning team is on it" : "on it")
                            + ". Next update at the end of the investigation.");
        }
        note(
                key,
                scribe,
                ack.plus(Duration.ofMinutes(6)),
                DemoTexts.perspectiveOf(level),
                DemoTexts.secondNote(random, sc, level));
        if (escalated) {
            at(
                    commander,
                    identified.minus(Duration.ofMinutes(3)),
                    () -> incidents.update(key, new UpdateIncident(null, null, sev, null, null)));
            note(
                    key,
                    commander,
                    identified.minus(Duration.ofMinutes(3)),
                    "incident commander",
                    "Raised to " + sev + ": more customers are affected than the first alert suggested.");
        }
        long causeNote = note(key, engineer, identified.minusSeconds(90), ownerOf(sc), "**Cause:** " + sc.cause());
        at(commander, identified, () -> incidents.transition(key, Transition.to(IncidentStatus.IDENTIFIED)));
        at(commander, identified.plusSeconds(20), () -> incidents.pin(key, causeNote, true));
        if (!quick && random.nextDouble() < 0.2) {
            Instant earlier = impact.minus(minutes(3, 12));
            at(
                    commander,
                    identified.plus(Duration.ofMinutes(2)),
                    () -> incidents.editMilestone(key, Milestone.IMPACT_STARTED, earlier));
            note(
                    key,
                    scribe,
                    identified.plus(Duration.ofMinutes(2)),
                    "scribe",
                    "Impact start moved earlier: the first errors in the logs predate the alert.");
        }
        long fixNote = note(key, engineer, mitigated.minusSeconds(60), ownerOf(sc), "**Mitigation:** " + sc.fix());
        at(commander, mitigated, () -> incidents.transition(key, Transition.to(IncidentStatus.MONITORING)));
        if (!quick && random.nextBoolean()) {
            at(commander, mitigated.plusSeconds(20), () -> incidents.pin(key, fixNote, true));
        }
        if (customerFacing) {
            statusUpdate(
                    key,
                    comms,
                    mitigated.plus(Duration.ofMinutes(2)),
                    Visibility.PUBLIC,
                    "A fix has been applied and we are monitoring the results.");
        }
        if (!quick) {
            note(
                    key,
                    scribe,
                    resolved.minus(Duration.ofMinutes(5)),
                    "monitoring",
                    "Error rate and latency back to their usual levels for "
                            + Duration.between(mitigated, resolved).toMinutes() + " minutes.");
        }
        at(commander, resolved, () -> incidents.transition(key, Transition.to(IncidentStatus.RESOLVED)));
        if (sc.outcome() == Outcome.REOPENED) {
            Instant reopened = resolved.plus(minutes(20, 60));
            at(
                    commander,
                    reopened,
                    () -> incidents.transition(
                            key, new Transition(IncidentStatus.INVESTIGATING, sc.reopenReason(), null, null)));
            note(
                    key,
                    engineer,
                    reopened.plus(Duration.ofMinutes(6)),
                    ownerOf(sc),
                    "Found it: the mitigation only covered part of the fleet. Applying it everywhere now.");
            at(
                    commander,
                    reopened.plus(Duration.ofMinutes(8)),
                    () -> incidents.transition(key, Transition.to(IncidentStatus.IDENTIFIED)));
            at(
                    commander,
                    reopened.plus(Duration.ofMinutes(25)),
                    () -> incidents.transition(key, Transition.to(IncidentStatus.MONITORING)));
            resolved = reopened.plus(Duration.ofMinutes(70));
            at(commander, resolved, () -> incidents.transition(key, Transition.to(IncidentStatus.RESOLVED)));
        }
        if (customerFacing) {
            statusUpdate(
                    key,
                    comms,
                    resolved.plusSeconds(60),
                    Visibility.PUBLIC,
                    "This incident has been resolved. Thank you for your patience.");
        }
        note(key, scribe, resolved.plus(Duration.ofMinutes(4)), "follow-up", "**Follow-up:** " + sc.followUp());

        Instant closeBy = now.minus(Duration.ofMinutes(30));
        Instant closed = quick ? resolved.plus(Duration.ofMinutes(1)) : resolved.plus(minutes(60, 3 * 24 * 60));
        Instant closedAt = closed.isAfter(closeBy) ? max(closeBy, resolved.plusSeconds(60)) : closed;
        Transition close = switch (sc.outcome()) {
            case FALSE_POSITIVE ->
                new Transition(
                        IncidentStatus.CLOSED,
                        "No customer impact: the alert was wrong.",
                        ClosureReason.FALSE_POSITIVE,
                        null);
            case CANCELLED ->
                new Transition(IncidentStatus.CLOSED, "Planned work, not an incident.", ClosureReason.CANCELLED, null);
            case DUPLICATE ->
                new Transition(
                        IncidentStatus.CLOSED,
                        "Same incident as the one declared just before.",
                        ClosureReason.DUPLICATE,
                        duplicateOf);
            default -> new Transition(IncidentStatus.CLOSED, null, ClosureReason.RESOLVED, null);
        };
        if (incidents.closureRefusal(key, close.closureReason()).isEmpty()) {
            at(commander, closedAt, () -> incidents.transition(key, close));
        }
        // else a module's closure policy (a post-mortem to publish first) holds it RESOLVED; that module's demo
        // data takes it from there.
        return incidents.idOf(key);
    }

    /** Two incidents still open: a SEV2 well under way and a fresh SEV4 (after the past, same randomness). */
    void seedOpen() {
        new DemoOpenIncidents(this, tx).seedOpen();
    }
}
