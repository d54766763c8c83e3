package dev.kintsugi.search.web;

import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.IncidentView;
import dev.kintsugi.platform.PageCard;
import dev.kintsugi.search.Search;
import dev.kintsugi.search.SearchResults;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The incident page's "this happened before" card: the past incidents and post-mortems most like this one (its
 * title, description and services), with the words they share, and for a post-mortem how many of its
 * countermeasures are still open. Read as the viewer: what they may not see is not suggested.
 */
@Component
class SimilarIncidentsCard implements PageCard {
    static final int LIMIT = 5;
    private final IncidentManagement incidents;
    private final Search search;
    private final Followups followups;

    SimilarIncidentsCard(IncidentManagement incidents, Search search, Followups followups) {
        this.incidents = incidents;
        this.search = search;
        this.followups = followups;
    }

    @Override
    public Placement placement() {
        return new Placement(INCIDENT, "similar", 40);
    }

    @Override
    public Optional<Card> render(CardContext context) {
        if (context.subject() == null) {
            return Optional.empty();
        }
        IncidentView incident = incidents.get(context.subject());
        List<SearchResults.Hit> similar = search.similar(
                incident.title(),
                incident.description(),
                incident.services().stream().map(IncidentView.ServiceRef::name).toList(),
                incident.key(),
                LIMIT);
        if (similar.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Card(
                "search/fragments :: incident-card",
                Map.of("similar", similar, "openCountermeasures", followups.of(similar))));
    }
}
