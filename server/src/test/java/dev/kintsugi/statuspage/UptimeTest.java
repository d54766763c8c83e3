package dev.kintsugi.statuspage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kintsugi.statuspage.Uptime.Window;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class UptimeTest {
    static final ZoneId UTC = ZoneId.of("UTC");
    static final Instant NOW = Instant.parse("2026-03-10T00:00:00Z"); // midnight: 90 whole days behind

    @Test
    void aQuietComponentIsFullyUp() {
        var days = Uptime.days(List.of(), NOW, UTC, 90);
        assertThat(days).hasSize(91 - 1);
        assertThat(days.getLast().date()).isEqualTo(LocalDate.parse("2026-03-10"));
        assertThat(Uptime.percent(days, 30, NOW, UTC)).isEqualTo(100.0);
    }

    @Test
    void aMajorOutageCountsWholeAPartialOneThirtyPerCent() {
        Instant day = Instant.parse("2026-03-05T00:00:00Z");
        var major = new Window(
                1, "a", day.plus(Duration.ofHours(1)), day.plus(Duration.ofHours(3)), ComponentState.MAJOR_OUTAGE);
        var partial = new Window(
                2, "b", day.plus(Duration.ofHours(10)), day.plus(Duration.ofHours(20)), ComponentState.PARTIAL_OUTAGE);
        var degraded = new Window(
                3,
                "c",
                day.minus(Duration.ofDays(2)),
                day.minus(Duration.ofDays(1)),
                ComponentState.DEGRADED_PERFORMANCE);
        var days = Uptime.days(List.of(major, partial, degraded), NOW, UTC, 90);
        var the5th = days.stream()
                .filter(d -> d.date().equals(LocalDate.parse("2026-03-05")))
                .findFirst()
                .orElseThrow();
        assertThat(the5th.worst()).isEqualTo(ComponentState.MAJOR_OUTAGE);
        assertThat(the5th.incidents()).extracting(Window::incidentId).containsExactly(1L, 2L);
        assertThat(the5th.down()).isEqualTo(Duration.ofHours(2).plus(Duration.ofHours(3)));
        // 30 days of 24 h, 5 h down
        assertThat(Uptime.percent(days, 30, Instant.parse("2026-03-10T00:00:00Z"), UTC))
                .isCloseTo(100.0 * (1 - 5.0 / (29 * 24)), within(1e-9));
        assertThat(days.stream().filter(d -> !d.quiet()).count())
                .isEqualTo(2); // the 3rd (degraded, ends at midnight), the 5th
    }

    @Test
    void anOpenWindowRunsUntilNowAndAnIncidentSpansDays() {
        Instant now = Instant.parse("2026-03-10T06:00:00Z");
        var open = new Window(1, "a", Instant.parse("2026-03-09T18:00:00Z"), null, ComponentState.MAJOR_OUTAGE);
        var days = Uptime.days(List.of(open), now, UTC, 90);
        assertThat(days.getLast().down()).isEqualTo(Duration.ofHours(6));
        assertThat(days.get(days.size() - 2).down()).isEqualTo(Duration.ofHours(6));
        assertThat(days.get(days.size() - 3).quiet()).isTrue();
    }
}
