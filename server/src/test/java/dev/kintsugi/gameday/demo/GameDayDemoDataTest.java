package dev.kintsugi.gameday.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.gameday.GameDayDebrief;
import dev.kintsugi.gameday.GameDayInjects;
import dev.kintsugi.gameday.GameDayMode;
import dev.kintsugi.gameday.GameDayPlay;
import dev.kintsugi.gameday.GameDayStatus;
import dev.kintsugi.gameday.GameDayView;
import dev.kintsugi.gameday.GameDays;
import dev.kintsugi.gameday.InjectKind;
import dev.kintsugi.gameday.InjectView;
import dev.kintsugi.platform.Actor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;

/**
 * The demo's game days, in the demo data's own context (the same properties as {@code DemoDataTest} and {@code
 * DemoShopDemoModeTest}, so one cached context): one played, with its debrief and post-mortem draft, and one
 * planned against the demo shop with its "Checkout latency" experiment scheduled.
 */
@SpringBootTest(
        properties = {
            "kintsugi.demo=true",
            "spring.datasource.url=jdbc:h2:mem:demo-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                    + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "spring.datasource.username=sa",
            "spring.datasource.password=",
            "kintsugi.admin-token=kts_provisioned-for-automation-0123456789"
        })
@ActiveProfiles("test")
@AutoConfigureMockMvc // as DemoDataTest and DemoShopDemoModeTest: the same cached context, one demo on one database
class GameDayDemoDataTest {
    @Autowired
    GameDays days;

    @Autowired
    GameDayPlay play;

    @Autowired
    GameDayInjects injects;

    @Autowired
    GameDayDebrief debrief;

    @Test
    void oneGameDayPlayedAndOnePlannedAgainstTheDemoShop() {
        Actor.runAsSystem("test", () -> {
            List<GameDayView> all = days.list(10);
            assertThat(all).hasSize(2);
            GameDayView past = all.stream()
                    .filter(g -> g.status() == GameDayStatus.ENDED)
                    .findFirst()
                    .orElseThrow();
            assertThat(past.postmortemKey()).startsWith("PM-");
            assertThat(debrief.timeline(past.id()))
                    .extracting(t -> t.kind())
                    .contains("started", "inject", "hypothesis", "detected", "diagnosis", "mitigated", "hint", "ended");
            assertThat(play.scoreboard(past.id())).hasSize(2).first().satisfies(s -> {
                assertThat(s.team()).isEqualTo("red");
                assertThat(s.diagnoses()).isEqualTo(50);
                assertThat(s.report()).as("three hypotheses and findings").isEqualTo(10);
            });
            GameDayView next = all.stream()
                    .filter(g -> g.status() == GameDayStatus.PLANNED)
                    .findFirst()
                    .orElseThrow();
            assertThat(next.mode()).isEqualTo(GameDayMode.BLIND);
            assertThat(next.services()).contains("shop-checkout");
            assertThat(injects.list(next.id()))
                    .extracting(InjectView::kind, InjectView::offsetMinutes)
                    .contains(org.assertj.core.groups.Tuple.tuple(InjectKind.EXPERIMENT, 5));
        });
    }
}
