package dev.kintsugi.alerting.web;

import dev.kintsugi.alerting.AlertCatalog;
import dev.kintsugi.alerting.AlertDefinition;
import dev.kintsugi.alerting.AlertGroupView;
import dev.kintsugi.alerting.AlertGroups;
import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.platform.PageCard;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The incident page's alerts card: the incident's alert groups (status, repeats, expected from a chaos run) with
 * their runbook's link. The incident module knows nothing of alerting.
 */
@Component
class IncidentAlertsCard implements PageCard {
    static final int LIMIT = 50;
    private final IncidentManagement incidents;
    private final AlertGroups groups;
    private final AlertCatalog catalog;

    IncidentAlertsCard(IncidentManagement incidents, AlertGroups groups, AlertCatalog catalog) {
        this.incidents = incidents;
        this.groups = groups;
        this.catalog = catalog;
    }

    @Override
    public Placement placement() {
        return new Placement(INCIDENT, "alerts", 20);
    }

    @Override
    public Optional<Card> render(CardContext context) {
        if (context.subject() == null) {
            return Optional.empty();
        }
        // as the viewer: a private incident they may not see is not found, and shows no card
        String key = incidents.get(context.subject()).key();
        List<AlertGroupView> list = groups.ofIncident(key, LIMIT);
        if (list.isEmpty()) {
            return Optional.empty();
        }
        Map<Long, AlertDefinition> definitions = new HashMap<>();
        list.stream()
                .map(AlertGroupView::definitionId)
                .filter(Objects::nonNull)
                .distinct()
                .forEach(id -> catalog.find(id).ifPresent(d -> definitions.put(id, d)));
        return Optional.of(new Card(
                "alerting/fragments :: incident-card",
                Map.of("alertGroups", list, "alertDefinitions", definitions, "incidentKey", key)));
    }
}
