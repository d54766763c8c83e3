package dev.kintsugi.oncall;

import dev.kintsugi.incident.IncidentDeclared;
import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.IncidentMilestoneChanged;
import dev.kintsugi.incident.IncidentResolved;
import dev.kintsugi.incident.Milestone;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.KintsugiProperties;
import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.platform.Role;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * An incident declared by a person with a configured severity pages its owning teams' default escalation policy
 * (subject {@code incident:<key>}). One declared by the system (an alert's routing, demo data) is paged, if at all,
 * by the module that declared it, about the same subject. Acknowledging the incident stops its page; resolving it
 * tells the people paged; acknowledging the page (a notification link) acknowledges the incident, as that person.
 */
@Component
class IncidentPaging {
    private static final Logger log = LoggerFactory.getLogger(IncidentPaging.class);
    private static final String SUBJECT = "incident";
    private final Paging paging;
    private final IncidentManagement incidents;
    private final OnCallProperties properties;
    private final KintsugiProperties kintsugi;

    IncidentPaging(
            Paging paging, OnCallProperties properties, KintsugiProperties kintsugi, IncidentManagement incidents) {
        this.paging = paging;
        this.incidents = incidents;
        this.properties = properties;
        this.kintsugi = kintsugi;
    }

    @ApplicationModuleListener
    void on(IncidentDeclared e) {
        if (!properties.pageIncidentSeverities().contains(e.severity().name())
                || e.teamIds().isEmpty()
                || Actor.SYSTEM.equals(e.declaredBy())) {
            return;
        }
        String base = dev.kintsugi.oncall.notify.Links.base(kintsugi);
        Actor.runAsSystem(
                "page on-call for incident " + e.key(),
                () -> paging.page(new PageRequest(
                        SUBJECT,
                        e.key(),
                        e.key() + " " + e.title(),
                        e.privateIncident() ? null : e.description(),
                        e.severity().name(),
                        List.copyOf(e.serviceIds()),
                        e.teamIds().stream().sorted().toList(),
                        null,
                        base + "/incidents/" + e.key())));
    }

    @ApplicationModuleListener
    void on(IncidentMilestoneChanged e) {
        if (e.milestone() == Milestone.ACKNOWLEDGED && e.after() != null) {
            Actor.runAsSystem(
                    "incident " + e.key() + " acknowledged",
                    () -> paging.acknowledge(SUBJECT, e.key(), "incident:" + e.key()));
        }
    }

    @ApplicationModuleListener
    void on(IncidentResolved e) {
        Actor.runAsSystem("incident " + e.key() + " resolved", () -> paging.resolve(SUBJECT, e.key()));
    }

    @ApplicationModuleListener
    void on(PageAcknowledged e) {
        if (SUBJECT.equals(e.subjectType()) && !e.username().startsWith("incident:")) {
            // The person paged takes the incident: acknowledged (and commander, if it has none), as them.
            try {
                Actor.runAs(e.username(), Role.RESPONDER, () -> incidents.acknowledge(e.subjectId()));
            } catch (ConflictException | NotFoundException closedOrGone) {
                log.info("page of {} acknowledged; the incident was not: {}", e.subjectId(), closedOrGone.getMessage());
            }
        }
    }
}
