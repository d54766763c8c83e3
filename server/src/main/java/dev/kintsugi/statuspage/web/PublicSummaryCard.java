package dev.kintsugi.statuspage.web;

import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.IncidentView;
import dev.kintsugi.platform.Markdown;
import dev.kintsugi.platform.PageCard;
import dev.kintsugi.postmortem.Postmortem;
import dev.kintsugi.postmortem.PostmortemManagement;
import dev.kintsugi.statuspage.PublicIncident;
import dev.kintsugi.statuspage.PublicIncidents;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The post-mortem page's public-summary card (slot {@code postmortem}, subject the post-mortem's id): what
 * customers read on the status page once the incident is over, written here by the post-mortem's facilitator (or
 * the incident's communications lead, or an admin: {@link PublicIncidents#maySummarise}). Only for post-mortems of an
 * incident that is not private; the summary needs the incident published first.
 */
@Component
class PublicSummaryCard implements PageCard {
    static final String SLOT = "postmortem";
    private final PostmortemManagement postmortems;
    private final IncidentManagement incidents;
    private final PublicIncidents page;
    private final Markdown markdown;

    PublicSummaryCard(
            PostmortemManagement postmortems, IncidentManagement incidents, PublicIncidents page, Markdown markdown) {
        this.postmortems = postmortems;
        this.incidents = incidents;
        this.page = page;
        this.markdown = markdown;
    }

    @Override
    public Placement placement() {
        return new Placement(SLOT, "public-summary", 20);
    }

    @Override
    public Optional<Card> render(CardContext context) {
        long id;
        try {
            id = Long.parseLong(context.subject() == null ? "" : context.subject());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Postmortem pm = postmortems.get(id); // as the viewer
        if (pm.incidentKey() == null) {
            return Optional.empty();
        }
        IncidentView incident = incidents.get(pm.incidentKey());
        if (incident.privateIncident()) {
            return Optional.empty();
        }
        Optional<PublicIncident> published = page.publicIncident(incident.key());
        Map<String, Object> model = new HashMap<>();
        model.put("spPm", pm);
        model.put("spIncident", incident);
        published.ifPresent(p -> {
            model.put("spPublished", p);
            if (p.summary() != null) {
                model.put("spSummaryHtml", markdown.toHtml(p.summary()));
            }
        });
        model.put("spMayWrite", page.maySummarise(incident));
        return Optional.of(new Card("statuspage/fragments :: postmortem-card", model));
    }
}
