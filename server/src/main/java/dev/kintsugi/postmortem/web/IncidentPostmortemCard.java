package dev.kintsugi.postmortem.web;

import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.IncidentView;
import dev.kintsugi.platform.PageCard;
import dev.kintsugi.postmortem.PostmortemManagement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The incident page's post-mortem card: a link to it, or how to start one. The incident module knows none. */
@Component
class IncidentPostmortemCard implements PageCard {
    private final IncidentManagement incidents;
    private final PostmortemManagement postmortems;

    IncidentPostmortemCard(IncidentManagement incidents, PostmortemManagement postmortems) {
        this.incidents = incidents;
        this.postmortems = postmortems;
    }

    @Override
    public Placement placement() {
        return new Placement(INCIDENT, "postmortem", 10);
    }

    @Override
    public Optional<Card> render(CardContext context) {
        if (context.subject() == null) {
            return Optional.empty();
        }
        // as the viewer: a private incident they may not see is not found, and shows no card
        IncidentView incident = incidents.get(context.subject());
        Map<String, Object> model = new HashMap<>();
        model.put("incident", incident);
        postmortems.findForIncident(incident.id()).ifPresent(pm -> model.put("pm", pm));
        return Optional.of(new Card("postmortem/fragments :: for-incident", model));
    }
}
