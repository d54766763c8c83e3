package dev.kintsugi.search.generator;

import static dev.kintsugi.search.generator.HistoryState.clip;
import static dev.kintsugi.search.generator.HistoryStatements.ts;

import dev.kintsugi.search.generator.HistoryState.ServiceRow;
import dev.kintsugi.search.generator.Vocabulary.Scenario;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * One incident at a time: its milestones, its row with the services it touched and its participants, its timeline,
 * and maybe its post-mortem ({@link GeneratedPostmortems}). The steps draw in the order they are called; keep it.
 */
final class GeneratedIncidents {
    private final HistoryState state;
    private final GeneratorOptions options;
    private final Random random;
    private final Instant now;
    private final GeneratedPostmortems postmortems;

    /** When things happened, {@code null} where the record misses it, and the status they leave the incident in. */
    private record Milestones(
            String status,
            Instant started,
            Instant detected,
            Instant acknowledged,
            Instant mitigated,
            Instant resolved,
            Instant closed) {}

    GeneratedIncidents(HistoryState state, GeneratedPostmortems postmortems) {
        this.state = state;
        this.options = state.options;
        this.random = state.random;
        this.now = state.now;
        this.postmortems = postmortems;
    }

    void write(HistoryStatements w, long number, Instant declared, boolean withPm) throws SQLException {
        Scenario scenario = state.pick(Vocabulary.SCENARIOS);
        ServiceRow svc = state.pickService();
        boolean fr = random.nextDouble() < options.frenchShare();
        String severity = state.pickSeverity();
        boolean recent = Duration.between(declared, now).toHours() < 48;
        String status = recent
                ? state.pick(List.of("INVESTIGATING", "IDENTIFIED", "MONITORING", "RESOLVED"))
                : (random.nextDouble() < 0.7 ? "CLOSED" : "RESOLVED");
        boolean isPrivate = random.nextDouble() < 0.03;
        Milestones m = milestones(declared, severity, status, svc);
        String title = state.text(fr ? scenario.titlesFr() : scenario.titlesEn(), svc) + state.region(fr);
        String description = state.text(fr ? scenario.causesFr() : scenario.causesEn(), svc) + " "
                + state.pick(fr ? Vocabulary.IMPACT_FR : Vocabulary.IMPACT_EN);
        String declarer = state.pick(state.users);
        String commander = random.nextDouble() < 0.9 ? state.pick(state.users) : null;
        List<ServiceRow> affected = new ArrayList<>(List.of(svc));
        if (random.nextDouble() < 0.3) {
            ServiceRow other = state.pickService();
            if (other != svc) {
                affected.add(other);
            }
        }
        long id = state.id("incident");
        row(w, id, number, title, description, severity, isPrivate, commander, declarer, declared, m);
        for (ServiceRow s : affected) {
            w.incidentService.setLong(1, id);
            w.incidentService.setLong(2, s.id());
            w.incidentService.addBatch();
        }
        Set<String> people = participants(w, id, declared, declarer, commander);
        timeline(w, id, declared, declarer, commander, title, fr, svc, people, m.resolved());
        if (withPm) {
            Instant created =
                    (m.resolved() != null ? m.resolved() : declared).plus(Duration.ofHours(2 + random.nextInt(48)));
            if (created.isAfter(now)) {
                created = now;
            }
            postmortems.write(
                    w, id, declared, scenario, svc, severity, fr, isPrivate, new ArrayList<>(people), created);
        }
    }

    /**
     * Milestones, in minutes, with long tails; some missing as in real records (more recovery times missing for the
     * anchor team's services), none after {@code --now} (a closure that would be is not one yet).
     */
    private Milestones milestones(Instant declared, String severity, String status, ServiceRow svc) {
        boolean resolved = status.equals("RESOLVED") || status.equals("CLOSED");
        Instant detected = declared.minusSeconds((long) (60 * state.logNormal(5, 1.0)));
        Instant started = detected.minusSeconds((long) (60 * state.logNormal(8, 1.2)));
        Instant acknowledged = declared.plusSeconds((long) (60 * state.logNormal(3, 0.9)));
        Instant mitigated = detected.plusSeconds((long) (60 * state.logNormal(40, 1.0) * severityFactor(severity)));
        Instant resolvedAt = mitigated.plusSeconds((long) (60 * state.logNormal(50, 1.0)));
        Instant closed = resolvedAt.plus(Duration.ofHours(6 + random.nextInt(72)));
        boolean noRecovery = svc.team().anchor() ? random.nextDouble() < 0.25 : random.nextDouble() < 0.03;
        Instant startedOut = random.nextDouble() < 0.12 ? null : started;
        Instant detectedOut = random.nextDouble() < 0.05 ? null : detected;
        Instant ackOut = random.nextDouble() < 0.08 ? null : acknowledged;
        Instant mitigatedOut =
                !resolved && !status.equals("MONITORING") || random.nextDouble() < 0.1 ? null : mitigated;
        Instant resolvedOut = !resolved || noRecovery ? null : resolvedAt;
        Instant closedOut = status.equals("CLOSED") ? closed : null;
        String statusOut = status;
        if (ackOut != null && ackOut.isAfter(now)) {
            ackOut = null;
        }
        if (mitigatedOut != null && mitigatedOut.isAfter(now)) {
            mitigatedOut = null;
        }
        if (resolvedOut != null && resolvedOut.isAfter(now)) {
            resolvedOut = null;
        }
        if (closedOut != null && closedOut.isAfter(now)) {
            closedOut = null;
            statusOut = "RESOLVED";
        }
        return new Milestones(statusOut, startedOut, detectedOut, ackOut, mitigatedOut, resolvedOut, closedOut);
    }

    private static double severityFactor(String severity) {
        return switch (severity) {
            case "SEV1" -> 2.0;
            case "SEV2" -> 1.5;
            default -> 1.0;
        };
    }

    private void row(
            HistoryStatements w,
            long id,
            long number,
            String title,
            String description,
            String severity,
            boolean isPrivate,
            String commander,
            String declarer,
            Instant declared,
            Milestones m)
            throws SQLException {
        Instant updated = m.closed() != null ? m.closed() : m.resolved() != null ? m.resolved() : declared;
        PreparedStatement p = w.incident;
        p.setLong(1, id);
        p.setLong(2, number);
        p.setString(3, clip(title, 200));
        p.setString(4, description);
        p.setString(5, severity);
        p.setString(6, m.status());
        p.setBoolean(7, isPrivate);
        p.setString(8, m.closed() != null ? "RESOLVED" : null);
        p.setString(9, commander);
        ts(p, 10, m.started());
        ts(p, 11, m.detected());
        ts(p, 12, declared);
        ts(p, 13, m.acknowledged());
        ts(p, 14, m.mitigated());
        ts(p, 15, m.resolved());
        ts(p, 16, m.closed());
        p.setString(17, declarer);
        ts(p, 18, updated);
        p.addBatch();
    }

    /** The declarer, the commander and up to two more responders, in that order. */
    private Set<String> participants(HistoryStatements w, long id, Instant declared, String declarer, String commander)
            throws SQLException {
        Set<String> people = new LinkedHashSet<>();
        people.add(declarer);
        if (commander != null) {
            people.add(commander);
        }
        for (int k = random.nextInt(3); k > 0; k--) {
            people.add(state.pick(state.users));
        }
        for (String u : people) {
            w.participant.setLong(1, id);
            w.participant.setString(2, u);
            ts(w.participant, 3, declared);
            w.participant.addBatch();
        }
        return people;
    }

    /** Declared, one to four notes a few minutes apart (none after {@code --now}), and the resolution if any. */
    private void timeline(
            HistoryStatements w,
            long id,
            Instant declared,
            String declarer,
            String commander,
            String title,
            boolean fr,
            ServiceRow svc,
            Set<String> people,
            Instant resolved)
            throws SQLException {
        entry(w, id, declared, declarer, "DECLARED", (fr ? "Incident déclaré : " : "Declared: ") + title);
        int notes = 1 + random.nextInt(4);
        Instant at = declared;
        for (int k = 0; k < notes; k++) {
            at = at.plusSeconds(60 + random.nextInt(1200));
            if (at.isAfter(now)) {
                break;
            }
            entry(
                    w,
                    id,
                    at,
                    state.pick(new ArrayList<>(people)),
                    "NOTE",
                    state.text(fr ? Vocabulary.NOTES_FR : Vocabulary.NOTES_EN, svc));
        }
        if (resolved != null) {
            entry(
                    w,
                    id,
                    resolved,
                    commander != null ? commander : declarer,
                    "STATUS_CHANGE",
                    "Status changed to Resolved");
        }
    }

    private void entry(HistoryStatements w, long incident, Instant at, String author, String kind, String body)
            throws SQLException {
        PreparedStatement p = w.timeline;
        p.setLong(1, state.id("incident_timeline_entry"));
        p.setLong(2, incident);
        ts(p, 3, at);
        ts(p, 4, at);
        p.setString(5, author);
        p.setString(6, kind);
        p.setString(7, body);
        p.addBatch();
        state.timelineEntries++;
    }
}
