package dev.kintsugi.gameday;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The scoreboard's rules, per team of heroes (pure: facts in, points out; time from the given clock). The clock
 * starts when the first inject fires ({@code firstInjectAt}).
 *
 * <ul>
 *   <li><b>Detection</b>: {@value #DETECT_MAX} − {@value #DETECT_PER_MINUTE} per whole minute from the first inject
 *       to the team's first detection (never below 0; nothing when undetected or detected before any inject).
 *   <li><b>Mitigation</b>: {@value #MITIGATE_MAX} − {@value #MITIGATE_PER_MINUTE} per whole minute from the first
 *       inject to the team's first mitigation (never below 0; nothing without a detection first).
 *   <li><b>Diagnoses</b>: +{@value #CORRECT_DIAGNOSIS} for each the facilitator validated, {@value #WRONG_DIAGNOSIS}
 *       for each judged wrong.
 *   <li><b>Hints</b>: {@value #HINT} each.
 *   <li><b>Incident report</b> (at most 50): +10 for an incident declared, +10 for an impact written (its
 *       description, at least {@value #IMPACT_MIN_CHARS} characters), +10 for each of the milestones detected and
 *       mitigated set on it, +10 for at least {@value #NOTES_MIN} hypotheses and findings posted.
 * </ul>
 */
public final class Scoring {
    public static final int DETECT_MAX = 100;
    public static final int DETECT_PER_MINUTE = 2;
    public static final int MITIGATE_MAX = 100;
    public static final int MITIGATE_PER_MINUTE = 1;
    public static final int CORRECT_DIAGNOSIS = 50;
    public static final int WRONG_DIAGNOSIS = -10;
    public static final int HINT = -20;
    public static final int REPORT_ITEM = 10;
    public static final int IMPACT_MIN_CHARS = 40;
    public static final int NOTES_MIN = 3;

    private final Clock clock;

    public Scoring(Clock clock) {
        this.clock = clock;
    }

    /** What the team's incident report says (null fields: no incident declared). */
    public record Report(boolean declared, String impact, boolean detectedMilestone, boolean mitigatedMilestone) {
        public static final Report NONE = new Report(false, null, false, false);
    }

    /** A team's figures: times from the first inject (null when not reached), points per rule, and the total. */
    public record TeamScore(
            long teamId,
            String team,
            Duration timeToDetect,
            Duration timeToMitigate,
            Duration waiting,
            int detection,
            int mitigation,
            int diagnoses,
            int hints,
            int report,
            int total) {}

    /** The scoreboard, best first (ties by team name). */
    public List<TeamScore> board(
            List<TeamView> teams,
            List<ResponseView> responses,
            Instant firstInjectAt,
            java.util.Map<Long, Report> reports) {
        return teams.stream()
                .map(t -> team(
                        t,
                        responses.stream().filter(r -> r.teamId() == t.id()).toList(),
                        firstInjectAt,
                        reports.getOrDefault(t.id(), Report.NONE)))
                .sorted(Comparator.comparingInt(TeamScore::total).reversed().thenComparing(TeamScore::team))
                .toList();
    }

    public TeamScore team(TeamView team, List<ResponseView> responses, Instant firstInjectAt, Report report) {
        Instant detected = first(responses, ResponseKind.DETECTED);
        Instant mitigated = first(responses, ResponseKind.MITIGATED);
        Duration ttd = since(firstInjectAt, detected);
        Duration ttm = ttd == null ? null : since(firstInjectAt, mitigated);
        int detection = ttd == null ? 0 : Math.max(0, DETECT_MAX - DETECT_PER_MINUTE * (int) ttd.toMinutes());
        int mitigation = ttm == null ? 0 : Math.max(0, MITIGATE_MAX - MITIGATE_PER_MINUTE * (int) ttm.toMinutes());
        int diagnoses = 0;
        int hints = 0;
        int notes = 0;
        for (ResponseView r : responses) {
            switch (r.kind()) {
                case DIAGNOSIS -> {
                    if ("CORRECT".equals(r.verdict())) {
                        diagnoses += CORRECT_DIAGNOSIS;
                    } else if ("WRONG".equals(r.verdict())) {
                        diagnoses += WRONG_DIAGNOSIS;
                    }
                }
                case HINT -> hints += HINT;
                case HYPOTHESIS, FINDING -> notes++;
                default -> {}
            }
        }
        int quality = 0;
        if (report.declared()) {
            quality += REPORT_ITEM;
        }
        if (report.impact() != null && report.impact().strip().length() >= IMPACT_MIN_CHARS) {
            quality += REPORT_ITEM;
        }
        if (report.detectedMilestone()) {
            quality += REPORT_ITEM;
        }
        if (report.mitigatedMilestone()) {
            quality += REPORT_ITEM;
        }
        if (notes >= NOTES_MIN) {
            quality += REPORT_ITEM;
        }
        Duration waiting = firstInjectAt != null && ttd == null
                ? Duration.between(firstInjectAt, clock.instant()).isNegative()
                        ? Duration.ZERO
                        : Duration.between(firstInjectAt, clock.instant())
                : null;
        return new TeamScore(
                team.id(),
                team.name(),
                ttd,
                ttm,
                waiting,
                detection,
                mitigation,
                diagnoses,
                hints,
                quality,
                detection + mitigation + diagnoses + hints + quality);
    }

    private static Instant first(List<ResponseView> responses, ResponseKind kind) {
        return responses.stream()
                .filter(r -> r.kind() == kind)
                .map(ResponseView::at)
                .min(Comparator.naturalOrder())
                .orElse(null);
    }

    private static Duration since(Instant from, Instant to) {
        if (from == null || to == null || to.isBefore(from)) {
            return null;
        }
        return Duration.between(from, to);
    }
}
