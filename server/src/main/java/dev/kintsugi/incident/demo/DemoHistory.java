package dev.kintsugi.incident.demo;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.incident.ClosureReason;
import dev.kintsugi.incident.DeclareIncident;
import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.IncidentRole;
import dev.kintsugi.incident.IncidentStatus;
import dev.kintsugi.incident.Milestone;
import dev.kintsugi.incident.NewNote;
import dev.kintsugi.incident.Severity;
import dev.kintsugi.incident.TimelineEntry;
import dev.kintsugi.incident.TimelineEntryKind;
import dev.kintsugi.incident.Transition;
import dev.kintsugi.incident.UpdateIncident;
import dev.kintsugi.incident.Visibility;
import dev.kintsugi.incident.demo.DemoScenarios.Outcome;
import dev.kintsugi.incident.demo.DemoScenarios.Scenario;
import dev.kintsugi.platform.AdjustableClock;
import dev.kintsugi.platform.Role;
import dev.kintsugi.platform.UserManagement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Plays the demo company's incidents through the facade, step by step, each step as the person who took it and
 * at the time it happened. One transaction per incident. A fixed random seed makes every demo the same, relative
 * to today.
 */
final class DemoHistory {
    private static final long SEED = 20_260_101L;

    private final IncidentManagement incidents;
    private final CatalogManagement catalog;
    private final AdjustableClock clock;
    private final TransactionTemplate tx;
    private final DemoData.Acting acting;
    private final Instant now;
    private final Random random = new Random(SEED);
    private final Map<String, Role> roles;
    private final List<String> responders;

    DemoHistory(
            IncidentManagement incidents,
            CatalogManagement catalog,
            UserManagement users,
            AdjustableClock clock,
            TransactionTemplate tx,
            DemoData.Acting acting,
            Instant now) {
        this.incidents = incidents;
        this.catalog = catalog;
        this.clock = clock;
        this.tx = tx;
        this.acting = acting;
        this.now = now;
        this.roles = DemoOrganisation.PEOPLE.stream()
                .filter(p -> users.exists(p.username()))
                .collect(Collectors.toMap(DemoOrganisation.Person::username, DemoOrganisation.Person::role));
        this.responders = DemoOrganisation.PEOPLE.stream()
                .filter(p -> p.role() == Role.RESPONDER || p.role() == Role.CHAOS_ENGINEER)
                .map(DemoOrganisation.Person::username)
                .filter(roles::containsKey)
                .toList();
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
                                description(sc),
                                declaredAs,
                                sc.services(),
                                impact,
                                detected,
                                false,
                                null,
                                declared))
                        .key());
        note(key, declarer, declared.plusSeconds(50), "on-call", firstNote(sc));
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
        note(key, scribe, ack.plus(Duration.ofMinutes(6)), perspectiveOf(level), secondNote(sc, level));
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

    /** Two incidents still open: a SEV2 well under way and a fresh SEV4. */
    void seedOpen() {
        tx.executeWithoutResult(s -> {
            Instant declared = now.minus(Duration.ofMinutes(55));
            String key = at(
                    "jonas.berg",
                    declared,
                    () -> incidents
                            .declare(new DeclareIncident(
                                    "Amex card payments declined at checkout",
                                    """
                                    ## What we see
                                    About 35% of American Express authorisations are declined with `05 Do not honour` \
                                    since shortly before the page. Visa and Mastercard are fine.

                                    ## Impact
                                    Customers paying with Amex cannot complete checkout; most retry with another card.

                                    ## Links
                                    - Runbook: https://runbooks.example.com/payment-gateway
                                    - Dashboard: https://grafana.example.com/d/payment-gateway/overview
                                    """,
                                    Severity.SEV2,
                                    List.of("payment-gateway", "checkout-api"),
                                    now.minus(Duration.ofMinutes(71)),
                                    now.minus(Duration.ofMinutes(62)),
                                    false,
                                    null,
                                    declared))
                            .key());
            at("amelie.laurent", now.minus(Duration.ofMinutes(52)), () -> incidents.acknowledge(key));
            at(
                    "amelie.laurent",
                    now.minus(Duration.ofMinutes(51)),
                    () -> incidents.assign(key, IncidentRole.SCRIBE, "jonas.berg"));
            at(
                    "amelie.laurent",
                    now.minus(Duration.ofMinutes(51)),
                    () -> incidents.assign(key, IncidentRole.COMMUNICATIONS, "nadia.okafor"));
            note(
                    key,
                    "jonas.berg",
                    now.minus(Duration.ofMinutes(49)),
                    "payments team",
                    "Declines are all `05` from the acquirer, only for Amex, across all PSP regions.");
            statusUpdate(
                    key,
                    "nadia.okafor",
                    now.minus(Duration.ofMinutes(45)),
                    Visibility.PUBLIC,
                    "Some American Express payments are being declined. Other cards are not affected. We are"
                            + " investigating; next update in 30 minutes.");
            note(
                    key,
                    "nadia.okafor",
                    now.minus(Duration.ofMinutes(40)),
                    "customer support",
                    "Support has 23 tickets and a spike in chat about declined Amex cards.");
            note(
                    key,
                    "yuki.tanaka",
                    now.minus(Duration.ofMinutes(33)),
                    "platform",
                    "No infrastructure change in the last 24 h. Gateway egress and TLS handshakes look normal.");
            long cause = note(
                    key,
                    "amelie.laurent",
                    now.minus(Duration.ofMinutes(27)),
                    "payments team",
                    "**Likely cause:** this morning's 3-D Secure config release sends the new `challengeIndicator`"
                            + " for Amex, which the acquirer rejects. Preparing a rollback of the config only.");
            at(
                    "amelie.laurent",
                    now.minus(Duration.ofMinutes(25)),
                    () -> incidents.transition(key, Transition.to(IncidentStatus.IDENTIFIED)));
            at("amelie.laurent", now.minus(Duration.ofMinutes(25)), () -> incidents.pin(key, cause, true));
            statusUpdate(
                    key,
                    "nadia.okafor",
                    now.minus(Duration.ofMinutes(15)),
                    Visibility.PUBLIC,
                    "We have identified the cause of the declined American Express payments and are rolling out a"
                            + " fix.");
            note(
                    key,
                    "jonas.berg",
                    now.minus(Duration.ofMinutes(8)),
                    "payments team",
                    "Config rollback is at 50% of gateway pods; Amex approval rate recovering on those (92%).");
        });
        tx.executeWithoutResult(s -> {
            Instant declared = now.minus(Duration.ofMinutes(18));
            String key = at(
                    "priya.sharma",
                    declared,
                    () -> incidents
                            .declare(new DeclareIncident(
                                    "Recommendation carousel empty for some users",
                                    """
                                    ## What we see
                                    The "People also bought" carousel is empty on about 10% of product pages since \
                                    the model refresh.

                                    ## Impact
                                    Low: pages render, the carousel is hidden. Best-effort feature.
                                    """,
                                    Severity.SEV4,
                                    List.of("recommendations"),
                                    now.minus(Duration.ofMinutes(40)),
                                    now.minus(Duration.ofMinutes(21)),
                                    false,
                                    null,
                                    declared))
                            .key());
            at("priya.sharma", now.minus(Duration.ofMinutes(15)), () -> incidents.acknowledge(key));
            note(
                    key,
                    "priya.sharma",
                    now.minus(Duration.ofMinutes(12)),
                    "data team",
                    "Empty results come from products added in the last week: the new model has no embeddings for"
                            + " them yet. Checking whether the fallback to best-sellers still works.");
            note(
                    key,
                    "sofia.alvarez",
                    now.minus(Duration.ofMinutes(4)),
                    "storefront team",
                    "Storefront side: the carousel is hidden when empty, as designed; no errors in the page logs.");
        });
    }

    // ---- the pieces of an incident's story ----

    private static String description(Scenario sc) {
        String first = sc.services().getFirst();
        return "## What we see\n" + sc.symptom() + "\n\n## Impact\n" + impact(sc.severity()) + "\n\n## Links\n"
                + "- Runbook: https://runbooks.example.com/" + first + "\n"
                + "- Dashboard: https://grafana.example.com/d/" + first + "/overview\n";
    }

    private static String impact(Severity sev) {
        return switch (sev) {
            case SEV1 -> "Most customers cannot use the shop. Revenue is lost every minute.";
            case SEV2 -> "A core feature is broken or badly degraded for many customers.";
            case SEV3 -> "A feature is degraded for some customers; a workaround exists.";
            case SEV4 -> "Little or no customer impact; internal users notice.";
            case SEV5 -> "Cosmetic or internal only.";
        };
    }

    private String firstNote(Scenario sc) {
        String service = sc.services().getFirst();
        return switch (random.nextInt(3)) {
            case 0 ->
                "Paged for `" + service + "`. " + sc.symptom() + " Looking at" + " https://grafana.example.com/d/"
                        + service + "/overview.";
            case 1 -> "Confirmed from my side: " + sc.symptom() + " Opening the runbook.";
            default ->
                "Seen on the dashboards and in the logs. " + sc.symptom() + " Checking the last deploys of `" + service
                        + "`.";
        };
    }

    private String secondNote(Scenario sc, int level) {
        if (level <= 3) {
            int tickets = 3 + random.nextInt(40 / level);
            return "Support has " + tickets + " tickets mentioning this so far; macro prepared for replies.";
        }
        return switch (random.nextInt(3)) {
            case 0 -> "No infrastructure change in the last 24 h; nothing unusual on the nodes.";
            case 1 ->
                "Checked the deploy log: one release of `" + sc.services().getFirst()
                        + "` this week. Keeping it in mind.";
            default -> "Nothing related in the other teams' channels. No customer reports yet.";
        };
    }

    private static String perspectiveOf(int level) {
        return level <= 3 ? "customer support" : "SRE";
    }

    private String ownerOf(Scenario sc) {
        return catalog.findService(sc.services().getFirst())
                .map(CatalogService::ownerTeamName)
                .map(t -> t + " team")
                .orElse("engineering");
    }

    private String serviceNames(Scenario sc) {
        return sc.services().stream()
                .map(s ->
                        catalog.findService(s).map(CatalogService::displayName).orElse(s))
                .collect(Collectors.joining(" and "));
    }

    private List<String> teamOf(String service) {
        String owner =
                catalog.findService(service).map(CatalogService::ownerTeamName).orElse(null);
        List<String> members = owner == null
                ? List.of()
                : catalog.findTeam(owner).map(t -> t.members()).orElse(List.of()).stream()
                        .filter(responders::contains)
                        .toList();
        return members.isEmpty() ? responders : members;
    }

    // ---- acting at a time ----

    private <T> T at(String user, Instant when, Supplier<T> work) {
        List<T> result = new ArrayList<>(1);
        acting.as(user, roles.getOrDefault(user, Role.RESPONDER), () -> result.add(clock.callAt(when, work)));
        return result.getFirst();
    }

    private void at(String user, Instant when, Runnable work) {
        at(user, when, () -> {
            work.run();
            return null;
        });
    }

    private long note(String key, String user, Instant when, String perspective, String body) {
        TimelineEntry e = at(
                user,
                when,
                () -> incidents.addNote(key, new NewNote(TimelineEntryKind.NOTE, body, null, perspective, null)));
        return e.id();
    }

    private void statusUpdate(String key, String user, Instant when, Visibility visibility, String body) {
        at(
                user,
                when,
                () -> incidents.addNote(
                        key, new NewNote(TimelineEntryKind.STATUS_UPDATE, body, null, null, visibility)));
    }

    // ---- randomness ----

    private Duration minutes(int min, int max) {
        return Duration.ofSeconds(60L * min + random.nextInt(Math.max(1, 60 * (max - min))));
    }

    /** A random duration in [min, max] minutes for a SEV1, stretched for milder severities. */
    private Duration scaled(int level, int min, int max) {
        double factor = 1 + (level - 1) * 0.9;
        return minutes((int) Math.round(min * factor), (int) Math.round(max * factor));
    }

    private String pick(List<String> from) {
        return from.get(random.nextInt(from.size()));
    }

    private String pickOther(List<String> from, String... not) {
        List<String> rest = new ArrayList<>(from);
        rest.removeAll(List.of(not));
        if (rest.isEmpty()) {
            rest = new ArrayList<>(responders);
            rest.removeAll(List.of(not));
        }
        return rest.isEmpty() ? from.getFirst() : pick(rest);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
