package dev.kintsugi.search.web;

import dev.kintsugi.platform.PageCard;
import dev.kintsugi.postmortem.Postmortem;
import dev.kintsugi.postmortem.PostmortemContent;
import dev.kintsugi.postmortem.PostmortemManagement;
import dev.kintsugi.search.Search;
import dev.kintsugi.search.SearchResults;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The post-mortem editor's "this happened before" card (slot {@code postmortem-edit}, subject the post-mortem's
 * id): the past incidents and post-mortems most like this review (its title, summary and services), leaving out
 * its own incident and itself, with how many countermeasures are still open. Read as the viewer.
 */
@Component
class PostmortemSimilarCard implements PageCard {
    static final String SLOT = "postmortem-edit";
    private final PostmortemManagement postmortems;
    private final Search search;
    private final Followups followups;

    PostmortemSimilarCard(PostmortemManagement postmortems, Search search, Followups followups) {
        this.postmortems = postmortems;
        this.search = search;
        this.followups = followups;
    }

    @Override
    public Placement placement() {
        return new Placement(SLOT, "similar", 40);
    }

    @Override
    public Optional<Card> render(CardContext context) {
        long id;
        try {
            id = Long.parseLong(context.subject() == null ? "" : context.subject());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Postmortem pm = postmortems.get(id);
        PostmortemContent c = pm.content();
        List<SearchResults.Hit> similar = search
                .similar(c.title(), c.summary(), c.services(), pm.incidentKey(), SimilarIncidentsCard.LIMIT + 1)
                .stream()
                .filter(h -> !h.ref().equals(pm.key()))
                .limit(SimilarIncidentsCard.LIMIT)
                .toList();
        if (similar.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Card(
                "search/fragments :: postmortem-card",
                Map.of("similar", similar, "openCountermeasures", followups.of(similar))));
    }
}
