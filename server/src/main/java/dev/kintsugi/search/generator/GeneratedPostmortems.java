package dev.kintsugi.search.generator;

import static dev.kintsugi.search.generator.HistoryState.clip;
import static dev.kintsugi.search.generator.HistoryStatements.ts;

import dev.kintsugi.search.generator.HistoryState.ServiceRow;
import dev.kintsugi.search.generator.Vocabulary.Scenario;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * One post-mortem at a time, of an incident or without one: its review (status, publication, the texts), its row
 * with tags, service and participants, its factors, decisions and timeline, its published revision's content, and
 * its countermeasures ({@link GeneratedCountermeasures}). The steps draw in the order they are called; keep it.
 */
final class GeneratedPostmortems {
    private static final String[] FACTOR_CATEGORIES = {
        "TECHNICAL", "PROCESS", "COMMUNICATION", "TOOLING", "ENVIRONMENT", "KNOWLEDGE"
    };

    private final HistoryState state;
    private final Random random;
    private final Instant now;
    private final GeneratedCountermeasures countermeasures;

    /** What the review says and where it stands; {@code published} is {@code null} unless it is published. */
    private record Review(
            String status,
            Instant published,
            String origin,
            String title,
            String facilitator,
            String owner,
            String summary,
            String impact,
            String wentWell,
            String wasHard,
            String lucky,
            String detection) {}

    GeneratedPostmortems(HistoryState state, GeneratedCountermeasures countermeasures) {
        this.state = state;
        this.random = state.random;
        this.now = state.now;
        this.countermeasures = countermeasures;
    }

    /** {@code incidentId} {@code null}: a review without an incident (near miss, game day, outage elsewhere). */
    void write(
            HistoryStatements w,
            Long incidentId,
            Instant declared,
            Scenario scenario,
            ServiceRow svc,
            String severity,
            boolean fr,
            boolean isPrivate,
            List<String> people,
            Instant created)
            throws SQLException {
        long id = state.id("postmortem");
        Review review = review(incidentId, scenario, svc, fr, people, created);
        row(w, id, incidentId, severity, isPrivate, review, created);
        List<String> tags = new ArrayList<>(scenario.tags());
        for (String t : tags) {
            w.pmTag.setLong(1, id);
            w.pmTag.setString(2, t);
            w.pmTag.addBatch();
        }
        w.pmService.setLong(1, id);
        w.pmService.setLong(2, svc.id());
        w.pmService.addBatch();
        Set<String> participants = new LinkedHashSet<>(people);
        participants.add(review.facilitator());
        for (String u : participants) {
            w.pmParticipant.setLong(1, id);
            w.pmParticipant.setString(2, u);
            w.pmParticipant.addBatch();
        }
        List<String[]> factors = factors(w, id, scenario, svc, fr);
        List<String[]> decisions = decisions(w, id, fr);
        timeline(w, id, incidentId, declared, svc, fr, people);
        w.revision.setLong(1, state.id("postmortem_revision"));
        w.revision.setLong(2, id);
        w.revision.setString(3, review.owner());
        ts(w.revision, 4, created);
        w.revision.setBoolean(5, review.published() != null);
        w.revision.setString(
                6,
                PostmortemContentJson.of(
                        review.title(),
                        severity,
                        review.facilitator(),
                        review.owner(),
                        review.summary(),
                        review.impact(),
                        review.wentWell(),
                        review.wasHard(),
                        review.lucky(),
                        review.detection(),
                        participants,
                        tags,
                        svc.name(),
                        factors,
                        decisions));
        w.revision.addBatch();
        countermeasures.write(w, id, review.published(), scenario, svc, fr, people, review.owner(), created);
    }

    /** Older reviews are mostly published (85 % past three weeks), newer ones often still in review or draft. */
    private Review review(
            Long incidentId, Scenario scenario, ServiceRow svc, boolean fr, List<String> people, Instant created) {
        double r = random.nextDouble();
        boolean old = Duration.between(created, now).toDays() > 21;
        String status = old
                ? (r < 0.85 ? "PUBLISHED" : r < 0.92 ? "IN_REVIEW" : "DRAFT")
                : (r < 0.4 ? "PUBLISHED" : r < 0.7 ? "IN_REVIEW" : "DRAFT");
        Instant published =
                status.equals("PUBLISHED") ? created.plus(Duration.ofHours(24 + random.nextInt(24 * 20))) : null;
        if (published != null && published.isAfter(now)) {
            published = now;
        }
        String origin =
                incidentId != null ? "INCIDENT" : state.pick(List.of("NEAR_MISS", "GAME_DAY", "EXTERNAL_OUTAGE"));
        String title = (fr ? "Post-mortem : " : "Post-mortem: ")
                + state.text(fr ? scenario.titlesFr() : scenario.titlesEn(), svc);
        String facilitator = state.pick(state.users);
        String owner = people.getFirst();
        String summary = state.text(fr ? scenario.causesFr() : scenario.causesEn(), svc) + " "
                + state.text(fr ? scenario.causesFr() : scenario.causesEn(), svc)
                + (fr ? " L'incident a duré " : " The incident lasted ") + (20 + random.nextInt(200))
                + (fr ? " minutes." : " minutes.");
        String impact = state.pick(fr ? Vocabulary.IMPACT_FR : Vocabulary.IMPACT_EN);
        String wentWell = state.pick(fr ? Vocabulary.WENT_WELL_FR : Vocabulary.WENT_WELL_EN);
        String wasHard = state.pick(fr ? Vocabulary.WAS_HARD_FR : Vocabulary.WAS_HARD_EN);
        String lucky = state.pick(fr ? Vocabulary.LUCKY_FR : Vocabulary.LUCKY_EN);
        String detection = state.pick(fr ? Vocabulary.DETECTION_FR : Vocabulary.DETECTION_EN);
        return new Review(
                status,
                published,
                origin,
                title,
                facilitator,
                owner,
                summary,
                impact,
                wentWell,
                wasHard,
                lucky,
                detection);
    }

    private void row(
            HistoryStatements w,
            long id,
            Long incidentId,
            String severity,
            boolean isPrivate,
            Review review,
            Instant created)
            throws SQLException {
        Instant updated = review.published() != null ? review.published() : created;
        PreparedStatement p = w.postmortem;
        int c = 1;
        if (incidentId == null) {
            p.setNull(c++, Types.BIGINT);
        } else {
            p.setLong(c++, incidentId);
        }
        p.setString(c++, review.origin());
        p.setString(c++, clip(review.title(), 200));
        p.setString(c++, review.status());
        p.setString(c++, severity);
        p.setBoolean(c++, incidentId == null && isPrivate);
        p.setString(c++, review.facilitator());
        p.setString(c++, review.owner());
        p.setString(c++, review.summary());
        p.setString(c++, review.impact());
        p.setString(c++, review.wentWell());
        p.setString(c++, review.wasHard());
        p.setString(c++, review.lucky().isEmpty() ? null : review.lucky());
        p.setString(c++, review.detection());
        p.setInt(c++, 1);
        if (review.published() != null) {
            p.setInt(c++, 1);
        } else {
            p.setNull(c++, Types.INTEGER);
        }
        p.setString(c++, review.owner());
        ts(p, c++, created);
        ts(p, c++, updated);
        ts(p, c++, review.published());
        p.setLong(c, id);
        p.addBatch();
    }

    /** One to three contributing factors, each {@code {category, description}}. */
    private List<String[]> factors(HistoryStatements w, long id, Scenario scenario, ServiceRow svc, boolean fr)
            throws SQLException {
        List<String[]> factors = new ArrayList<>();
        int nf = 1 + random.nextInt(3);
        for (int k = 0; k < nf; k++) {
            String cat = FACTOR_CATEGORIES[random.nextInt(FACTOR_CATEGORIES.length)];
            String d = state.text(fr ? scenario.factorsFr() : scenario.factorsEn(), svc) + ".";
            factors.add(new String[] {cat, d});
            w.factor.setLong(1, state.id("postmortem_factor"));
            w.factor.setLong(2, id);
            w.factor.setString(3, cat);
            w.factor.setString(4, d);
            w.factor.setInt(5, k);
            w.factor.addBatch();
        }
        return factors;
    }

    /** Up to two decisions, each {@code {decision, whyItMadeSense}}. */
    private List<String[]> decisions(HistoryStatements w, long id, boolean fr) throws SQLException {
        List<String[]> decisions = new ArrayList<>();
        int nd = random.nextInt(3);
        for (int k = 0; k < nd; k++) {
            String d = state.pick(fr ? Vocabulary.DECISIONS_FR : Vocabulary.DECISIONS_EN);
            String why = state.pick(fr ? Vocabulary.WHY_FR : Vocabulary.WHY_EN);
            decisions.add(new String[] {d, why});
            w.decision.setLong(1, state.id("postmortem_decision"));
            w.decision.setLong(2, id);
            w.decision.setString(3, d);
            w.decision.setString(4, why);
            w.decision.setInt(5, k);
            w.decision.addBatch();
        }
        return decisions;
    }

    /** Two to four entries from the declaration on, taken from the incident's or written by hand without one. */
    private void timeline(
            HistoryStatements w,
            long id,
            Long incidentId,
            Instant declared,
            ServiceRow svc,
            boolean fr,
            List<String> people)
            throws SQLException {
        int nt = 2 + random.nextInt(3);
        Instant at = declared;
        for (int k = 0; k < nt; k++) {
            w.pmTimeline.setLong(1, state.id("postmortem_timeline_entry"));
            w.pmTimeline.setLong(2, id);
            ts(w.pmTimeline, 3, at);
            w.pmTimeline.setString(4, state.pick(people));
            w.pmTimeline.setString(5, incidentId != null ? "INCIDENT" : "MANUAL");
            w.pmTimeline.setString(6, state.text(fr ? Vocabulary.NOTES_FR : Vocabulary.NOTES_EN, svc));
            w.pmTimeline.setString(7, incidentId != null ? "NOTE" : null);
            w.pmTimeline.addBatch();
            at = at.plusSeconds(120 + random.nextInt(900));
        }
    }
}
