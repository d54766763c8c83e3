package dev.kintsugi.alerting;

import dev.kintsugi.gameday.GameDays;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The game days in progress, as an {@link ExpectationSource}: while one runs, its target services' alerts are
 * expected and its facilitator is told. Asked of the game-day module's facade ({@link GameDays#runningOn}), which
 * reads the database, so every instance of a cluster answers the same, whenever it started.
 */
@Component
class GameDayExpectations implements ExpectationSource {
    /** A game day; {@code reference} is its id. */
    static final String GAME_DAY = "game-day";

    private final GameDays gameDays;

    GameDayExpectations(GameDays gameDays) {
        this.gameDays = gameDays;
    }

    @Override
    public Optional<Expectation> expecting(Collection<Long> serviceIds, Instant at) {
        return gameDays.runningOn(serviceIds, at).stream()
                .findFirst()
                .map(g -> new Expectation(GAME_DAY, g.id(), g.facilitator(), g.startedAt()));
    }

    @Override
    public Optional<String> link(Expectation e) {
        return GAME_DAY.equals(e.kind()) ? Optional.of("/gamedays/" + e.reference()) : Optional.empty();
    }
}
