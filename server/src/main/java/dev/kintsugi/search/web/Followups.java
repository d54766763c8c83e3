package dev.kintsugi.search.web;

import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.postmortem.CountermeasureView;
import dev.kintsugi.postmortem.Countermeasures;
import dev.kintsugi.postmortem.PostmortemManagement;
import dev.kintsugi.search.DocumentType;
import dev.kintsugi.search.SearchResults;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** What followed a similar incident: its post-mortem and how many countermeasures are still open (as the viewer). */
@Component
public class Followups {
    private final PostmortemManagement postmortems;
    private final Countermeasures countermeasures;

    Followups(PostmortemManagement postmortems, Countermeasures countermeasures) {
        this.postmortems = postmortems;
        this.countermeasures = countermeasures;
    }

    /** For each post-mortem hit (and each incident hit with a post-mortem): its key and open countermeasures. */
    Map<String, Followup> of(List<SearchResults.Hit> hits) {
        Map<String, Followup> open = new HashMap<>();
        for (SearchResults.Hit h : hits) {
            try {
                Long pm = h.type() == DocumentType.POSTMORTEM
                        ? Long.valueOf(h.id())
                        : postmortems.idForIncident(h.id()).orElse(null);
                if (pm != null) {
                    long n = countermeasures.of(pm).stream()
                            .map(CountermeasureView::status)
                            .filter(s -> s.isActive())
                            .count();
                    open.put(h.ref(), new Followup("PM-" + pm, "/postmortems/" + pm, n));
                }
            } catch (NotFoundException e) {
                // not visible to this viewer: say nothing about it
            }
        }
        return open;
    }

    /** The post-mortem that followed an incident, and how many of its countermeasures are still to do. */
    public record Followup(String key, String url, long open) {}
}
