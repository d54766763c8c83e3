package dev.kintsugi.incident.web;

import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.IncidentSummary;
import dev.kintsugi.platform.PageCard;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** "My incidents" on the dashboard: the open incidents the viewer is in, for the person on call. */
@Component
class MyIncidentsCard implements PageCard {
    private final IncidentManagement incidents;

    MyIncidentsCard(IncidentManagement incidents) {
        this.incidents = incidents;
    }

    @Override
    public Placement placement() {
        return new Placement(MINE, "my-incidents", 10);
    }

    @Override
    public Optional<Card> render(CardContext context) {
        if (context.viewer().isEmpty()) {
            return Optional.empty();
        }
        List<IncidentSummary> mine = incidents.mine(8);
        return Optional.of(new Card("incident/recent :: mine", Map.of("mine", mine)));
    }
}
