package dev.kintsugi.oncall.web;

import dev.kintsugi.oncall.Paging;
import dev.kintsugi.oncall.Schedules;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.PageCard;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * "My shifts" on the dashboard (slot {@code mine}): whether the viewer is on call now (and where), their next shifts
 * in the coming four weeks, and the running pages that paged them.
 */
@Component
class MyShiftsCard implements PageCard {
    private static final int SHOWN = 5;
    private final Schedules schedules;
    private final Paging paging;
    private final Clock clock;

    MyShiftsCard(Schedules schedules, Paging paging, Clock clock) {
        this.schedules = schedules;
        this.paging = paging;
        this.clock = clock;
    }

    @Override
    public Placement placement() {
        return new Placement(MINE, "my-shifts", 30);
    }

    @Override
    public Optional<Card> render(CardContext context) {
        if (context.viewer().isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        List<Schedules.PersonShift> shifts = schedules.shiftsOf(Actor.current(), now, now.plus(Duration.ofDays(28)));
        List<Schedules.PersonShift> current =
                shifts.stream().filter(p -> !p.shift().start().isAfter(now)).toList();
        List<Schedules.PersonShift> next = shifts.stream()
                .filter(p -> p.shift().start().isAfter(now))
                .limit(SHOWN)
                .toList();
        return Optional.of(new Card(
                "oncall/fragments :: my-shifts",
                Map.of("current", current, "next", next, "pages", paging.openForMe(SHOWN))));
    }
}
