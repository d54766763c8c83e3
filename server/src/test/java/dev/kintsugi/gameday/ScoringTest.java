package dev.kintsugi.gameday;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scoreboard's rubric, on a fixed clock. */
class ScoringTest {
    static final Instant T0 = Instant.parse("2026-03-10T09:00:00Z");
    static final Clock CLOCK = Clock.fixed(T0.plus(Duration.ofMinutes(30)), ZoneOffset.UTC);
    static final TeamView RED = new TeamView(1, "red");
    static final TeamView BLUE = new TeamView(2, "blue");
    final Scoring scoring = new Scoring(CLOCK);
    long seq;

    ResponseView r(TeamView t, ResponseKind kind, int minute, String verdict) {
        return new ResponseView(++seq, t.id(), kind, "x", null, verdict, "hero", T0.plus(Duration.ofMinutes(minute)));
    }

    @Test
    void detectionAndMitigationLosePointsPerMinuteFromTheFirstInject() {
        var s = scoring.team(
                RED,
                List.of(r(RED, ResponseKind.DETECTED, 5, null), r(RED, ResponseKind.MITIGATED, 12, null)),
                T0,
                Scoring.Report.NONE);
        assertThat(s.timeToDetect()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.timeToMitigate()).isEqualTo(Duration.ofMinutes(12));
        assertThat(s.detection()).isEqualTo(100 - 2 * 5);
        assertThat(s.mitigation()).isEqualTo(100 - 12);
        assertThat(s.waiting()).isNull();
        assertThat(s.total()).isEqualTo(90 + 88);
    }

    @Test
    void slowTeamsBottomOutAtZeroAndAnUndetectedTeamShowsHowLongItHasSearched() {
        var slow = scoring.team(RED, List.of(r(RED, ResponseKind.DETECTED, 70, null)), T0, Scoring.Report.NONE);
        assertThat(slow.detection()).isZero();
        assertThat(slow.total()).isZero();
        var searching = scoring.team(BLUE, List.of(), T0, Scoring.Report.NONE);
        assertThat(searching.timeToDetect()).isNull();
        assertThat(searching.waiting()).isEqualTo(Duration.ofMinutes(30));
        assertThat(searching.total()).isZero();
    }

    @Test
    void aMitigationWithoutDetectionOrBeforeAnyInjectScoresNothing() {
        var s = scoring.team(RED, List.of(r(RED, ResponseKind.MITIGATED, 3, null)), T0, Scoring.Report.NONE);
        assertThat(s.mitigation()).isZero();
        var early = scoring.team(RED, List.of(r(RED, ResponseKind.DETECTED, -1, null)), T0, Scoring.Report.NONE);
        assertThat(early.detection()).isZero();
        var noInject = scoring.team(RED, List.of(r(RED, ResponseKind.DETECTED, 1, null)), null, Scoring.Report.NONE);
        assertThat(noInject.detection()).isZero();
        assertThat(noInject.waiting()).isNull();
    }

    @Test
    void diagnosesHintsAndTheReportRubric() {
        List<ResponseView> rs = new ArrayList<>(List.of(
                r(RED, ResponseKind.DIAGNOSIS, 4, "CORRECT"),
                r(RED, ResponseKind.DIAGNOSIS, 3, "WRONG"),
                r(RED, ResponseKind.DIAGNOSIS, 6, null),
                r(RED, ResponseKind.HINT, 2, null),
                r(RED, ResponseKind.HYPOTHESIS, 1, null),
                r(RED, ResponseKind.FINDING, 2, null)));
        var noReport = scoring.team(RED, rs, T0, Scoring.Report.NONE);
        assertThat(noReport.diagnoses()).isEqualTo(50 - 10);
        assertThat(noReport.hints()).isEqualTo(-20);
        assertThat(noReport.report()).as("two notes are not enough").isZero();

        rs.add(r(RED, ResponseKind.FINDING, 3, null));
        var full = scoring.team(
                RED,
                rs,
                T0,
                new Scoring.Report(true, "Checkout answered in 2 s for every customer for 9 min", true, true));
        assertThat(full.report()).isEqualTo(50);
        var thin = scoring.team(RED, rs, T0, new Scoring.Report(true, "slow", false, true));
        assertThat(thin.report())
                .as("declared, mitigated milestone, notes; impact too short")
                .isEqualTo(30);
        assertThat(full.total()).isEqualTo(40 - 20 + 50);
    }

    @Test
    void theBoardIsBestFirstTiesByName() {
        var board = scoring.board(
                List.of(RED, BLUE, new TeamView(3, "amber")),
                List.of(r(BLUE, ResponseKind.DETECTED, 1, null), r(RED, ResponseKind.HINT, 1, null)),
                T0,
                Map.of());
        assertThat(board).extracting(Scoring.TeamScore::team).containsExactly("blue", "amber", "red");
        assertThat(board.get(0).total()).isEqualTo(98);
    }

    @Test
    void theStatusMachineAllowsOnlyPlannedRunningEnded() {
        assertThat(GameDayStatus.PLANNED.canMoveTo(GameDayStatus.RUNNING)).isTrue();
        assertThat(GameDayStatus.RUNNING.canMoveTo(GameDayStatus.ENDED)).isTrue();
        assertThat(GameDayStatus.PLANNED.canMoveTo(GameDayStatus.ENDED)).isFalse();
        assertThat(GameDayStatus.ENDED.canMoveTo(GameDayStatus.RUNNING)).isFalse();
        assertThat(GameDayStatus.RUNNING.canMoveTo(GameDayStatus.PLANNED)).isFalse();
        assertThat(GameDayStatus.RUNNING.canMoveTo(GameDayStatus.RUNNING)).isFalse();
    }
}
