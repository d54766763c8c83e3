package dev.kintsugi.postmortem.web;

import dev.kintsugi.platform.PageCard;
import dev.kintsugi.postmortem.Countermeasures;
import dev.kintsugi.postmortem.People;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** "My countermeasures" on the dashboard: what the viewer (or one of their teams) still owes, soonest due first. */
@Component
class MyCountermeasuresCard implements PageCard {
    private final Countermeasures countermeasures;
    private final People people;

    MyCountermeasuresCard(Countermeasures countermeasures, People people) {
        this.countermeasures = countermeasures;
        this.people = people;
    }

    @Override
    public Placement placement() {
        return new Placement(MINE, "my-countermeasures", 20);
    }

    @Override
    public Optional<Card> render(CardContext context) {
        if (context.viewer().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Card(
                "countermeasure/fragment :: mine", Map.of("mine", countermeasures.mine(8), "names", people.names())));
    }
}
