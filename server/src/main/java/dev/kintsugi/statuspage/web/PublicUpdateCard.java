package dev.kintsugi.statuspage.web;

import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.IncidentView;
import dev.kintsugi.platform.PageCard;
import dev.kintsugi.statuspage.PublicIncident;
import dev.kintsugi.statuspage.PublicIncidents;
import dev.kintsugi.statuspage.PublicUpdate;
import dev.kintsugi.statuspage.StatusPageProperties;
import dev.kintsugi.statuspage.UpdateStatus;
import dev.kintsugi.statuspage.UpdateTexts;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The incident page's status-page card (slot {@code incident}): whether the incident is public, its public updates,
 * and for its communications lead (or an admin) the form that publishes the next one (a template per status, or
 * their own words) and the public summary customers read once it is over.
 */
@Component
class PublicUpdateCard implements PageCard {
    private final IncidentManagement incidents;
    private final PublicIncidents page;
    private final MessageSource messages;
    private final StatusPageProperties brand;

    PublicUpdateCard(
            IncidentManagement incidents, PublicIncidents page, MessageSource messages, StatusPageProperties brand) {
        this.incidents = incidents;
        this.page = page;
        this.messages = messages;
        this.brand = brand;
    }

    @Override
    public Placement placement() {
        return new Placement(INCIDENT, "status-page", 30);
    }

    @Override
    public Optional<Card> render(CardContext context) {
        if (context.subject() == null) {
            return Optional.empty();
        }
        IncidentView incident = incidents.get(context.subject()); // as the viewer
        Optional<PublicIncident> published = page.publicIncident(incident.key());
        List<PublicUpdate> updates = page.updates(incident.key()).reversed();
        UpdateStatus next = updates.isEmpty()
                ? UpdateStatus.INVESTIGATING
                : UpdateStatus.values()[Math.min(updates.getFirst().status().ordinal() + 1, 3)];
        var texts = new UpdateTexts(messages, LocaleContextHolder.getLocale(), brand.name());
        List<String> names = incident.services().stream()
                .map(IncidentView.ServiceRef::displayName)
                .toList();
        Map<UpdateStatus, String> templates = new LinkedHashMap<>();
        for (UpdateStatus s : UpdateStatus.values()) {
            templates.put(s, texts.template(s, names));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("spIncident", incident);
        published.ifPresent(p -> model.put("spPublished", p)); // absent: null in the fragment (Card takes no nulls)
        model.put("spUpdates", updates);
        model.put("spNext", next);
        model.put("spTemplates", templates);
        model.put("spNames", names);
        model.put("spTexts", texts);
        model.put("spMayPublish", page.mayPublish(incident) && !incident.privateIncident());
        model.put("spStatuses", UpdateStatus.values());
        return Optional.of(new Card("statuspage/fragments :: incident-card", model));
    }
}
