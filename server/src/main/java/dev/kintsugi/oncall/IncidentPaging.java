package dev.kintsugi.oncall;

import dev.kintsugi.incident.IncidentDeclared;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.KintsugiProperties;
import java.util.List;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** An incident declared with a configured severity pages its owning teams' default escalation policy. */
@Component
class IncidentPaging {
    private final Paging paging;
    private final OnCallProperties properties;
    private final KintsugiProperties kintsugi;

    IncidentPaging(Paging paging, OnCallProperties properties, KintsugiProperties kintsugi) {
        this.paging = paging;
        this.properties = properties;
        this.kintsugi = kintsugi;
    }

    @ApplicationModuleListener
    void on(IncidentDeclared e) {
        if (!properties.pageIncidentSeverities().contains(e.severity().name())
                || e.teamIds().isEmpty()) {
            return;
        }
        String base = dev.kintsugi.oncall.notify.Links.base(kintsugi);
        Actor.runAsSystem(
                "page on-call for incident " + e.key(),
                () -> paging.page(new PageRequest(
                        "incident",
                        e.key(),
                        e.key() + " " + e.title(),
                        e.privateIncident() ? null : e.description(),
                        e.severity().name(),
                        List.copyOf(e.serviceIds()),
                        e.teamIds().stream().sorted().toList(),
                        null,
                        base + "/incidents/" + e.key())));
    }
}
