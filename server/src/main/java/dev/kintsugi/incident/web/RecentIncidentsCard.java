package dev.kintsugi.incident.web;

import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.IncidentQuery;
import dev.kintsugi.platform.PageCard;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/** A catalog service's recent incidents (those the viewer may see), on the service's page. */
@Component
class RecentIncidentsCard implements PageCard {
    private final IncidentManagement incidents;

    RecentIncidentsCard(IncidentManagement incidents) {
        this.incidents = incidents;
    }

    @Override
    public Placement placement() {
        return new Placement(SERVICE, "recent-incidents", 10);
    }

    @Override
    public Optional<Card> render(CardContext context) {
        if (context.subject() == null) {
            return Optional.empty();
        }
        String service = context.subject();
        return Optional.of(new Card(
                "incident/recent :: recent",
                Map.of(
                        "recent",
                        incidents.search(new IncidentQuery(Set.of(), Set.of(), service, null, null, 0, 8)),
                        "service",
                        service)));
    }
}
