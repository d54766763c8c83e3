package dev.kintsugi.search.generator;

import static dev.kintsugi.search.generator.HistoryState.clip;
import static dev.kintsugi.search.generator.HistoryStatements.ts;

import dev.kintsugi.search.generator.HistoryState.ServiceRow;
import dev.kintsugi.search.generator.Vocabulary.Scenario;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;

/**
 * A post-mortem's countermeasures: one to three for a published review (maybe none for another), from its scenario's
 * fixes, due two weeks to three months after the review; past due mostly done (60 %), some won't do (6 %), the rest
 * overdue.
 */
final class GeneratedCountermeasures {
    private static final String[] CM_KINDS = {
        "AUTOMATED_TEST",
        "TELEMETRY_OR_ALERT",
        "PEER_REVIEW_RULE",
        "REHEARSAL",
        "DESIGN_CHANGE",
        "RUNBOOK_OR_DOCUMENTATION",
        "OTHER"
    };

    private final HistoryState state;
    private final Random random;
    private final Instant now;

    GeneratedCountermeasures(HistoryState state) {
        this.state = state;
        this.random = state.random;
        this.now = state.now;
    }

    void write(
            HistoryStatements w,
            long postmortemId,
            Instant published,
            Scenario scenario,
            ServiceRow svc,
            boolean fr,
            List<String> people,
            String owner,
            Instant created)
            throws SQLException {
        int ncm = published != null || random.nextBoolean() ? 1 + random.nextInt(3) : 0;
        List<String> fixes = fr ? scenario.fixesFr() : scenario.fixesEn();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        for (int k = 0; k < ncm; k++) {
            LocalDate due = LocalDate.ofInstant(created, ZoneOffset.UTC).plusDays(14 + random.nextInt(90));
            double s = random.nextDouble();
            String cmStatus;
            if (due.isBefore(today)) {
                cmStatus = s < 0.6 ? "DONE" : s < 0.66 ? "WONT_DO" : s < 0.85 ? "OPEN" : "IN_PROGRESS";
            } else {
                cmStatus = s < 0.2 ? "DONE" : s < 0.7 ? "OPEN" : "IN_PROGRESS";
            }
            Instant doneAt =
                    cmStatus.equals("DONE") ? min(created.plus(Duration.ofDays(1 + random.nextInt(60))), now) : null;
            PreparedStatement cm = w.countermeasure;
            cm.setLong(1, state.id("postmortem_countermeasure"));
            cm.setLong(2, postmortemId);
            cm.setString(3, clip(fixes.get(k % fixes.size()).replace("{svc}", svc.displayName()), 200));
            cm.setString(4, fr ? "Pour que cela ne se reproduise pas." : "So that this does not happen again.");
            cm.setString(5, CM_KINDS[random.nextInt(CM_KINDS.length)]);
            cm.setString(6, state.pick(people));
            cm.setString(7, svc.team().name());
            cm.setObject(8, due);
            cm.setString(9, "P" + (1 + random.nextInt(4)));
            cm.setString(10, cmStatus);
            cm.setString(
                    11,
                    cmStatus.equals("WONT_DO") ? state.pick(fr ? Vocabulary.WONT_DO_FR : Vocabulary.WONT_DO_EN) : null);
            cm.setString(12, random.nextDouble() < 0.5 ? "OPS-" + (1000 + random.nextInt(90000)) : null);
            cm.setString(13, owner);
            ts(cm, 14, created);
            ts(cm, 15, doneAt != null ? doneAt : created);
            ts(cm, 16, doneAt);
            cm.addBatch();
            state.countermeasures++;
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
