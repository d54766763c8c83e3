package dev.kintsugi.alerting;

import dev.kintsugi.oncall.PageAcknowledged;
import dev.kintsugi.oncall.PageRequest;
import dev.kintsugi.oncall.Paging;
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
 * Alerting's side of the on-call seam ({@code alerting → oncall}, never the other way round). A group routed to page
 * ({@link AlertGroupEscalationRequested}) pages through {@link Paging}: about its incident when it opened or joined
 * one (subject {@code incident:<key>}, so that the incident and its alerts are one page, and acknowledging either
 * stops it), else about the group itself (subject {@code alert-group:<id>}). A group acknowledged or resolved here
 * stops its page; a page acknowledged on the on-call side (a notification link) acknowledges the group, as the
 * person who clicked. Each listener runs after the commit that caused it, in its own transaction, and is replayed
 * from the event publication registry after a crash; {@link Paging#page} is idempotent per subject.
 */
@Component
public class AlertPaging {
    private static final Logger log = LoggerFactory.getLogger(AlertPaging.class);
    static final String SUBJECT = "alert-group";
    static final String INCIDENT = "incident";

    /** The subject of the page about a group: its incident when it has one, else the group. */
    public static String[] pageSubject(AlertGroupView g) {
        return g.incidentKey() != null
                ? new String[] {INCIDENT, g.incidentKey()}
                : new String[] {SUBJECT, Long.toString(g.id())};
    }

    private final Paging paging;
    private final AlertGroups groups;
    private final KintsugiProperties kintsugi;

    AlertPaging(Paging paging, AlertGroups groups, KintsugiProperties kintsugi) {
        this.paging = paging;
        this.groups = groups;
        this.kintsugi = kintsugi;
    }

    @ApplicationModuleListener
    void on(AlertGroupEscalationRequested e) {
        boolean incident = e.incidentKey() != null;
        String base = kintsugi.baseUrl().replaceAll("/+$", "");
        Actor.runAsSystem(
                "page on-call for alert group " + e.groupId(),
                () -> paging.page(new PageRequest(
                        incident ? INCIDENT : SUBJECT,
                        incident ? e.incidentKey() : Long.toString(e.groupId()),
                        incident ? e.incidentKey() + " " + e.title() : e.title(),
                        null,
                        e.severity() == null ? null : e.severity().name(),
                        List.copyOf(e.serviceIds()),
                        e.teamIds().stream().sorted().toList(),
                        null,
                        incident ? base + "/incidents/" + e.incidentKey() : base + "/alerts/" + e.groupId())));
    }

    @ApplicationModuleListener
    void on(AlertGroupAcknowledged e) {
        Actor.runAsSystem(
                "alert group " + e.groupId() + " acknowledged",
                () -> paging.acknowledge(SUBJECT, Long.toString(e.groupId()), e.username()));
    }

    @ApplicationModuleListener
    void on(AlertGroupResolved e) {
        Actor.runAsSystem(
                "alert group " + e.groupId() + " resolved", () -> paging.resolve(SUBJECT, Long.toString(e.groupId())));
    }

    @ApplicationModuleListener
    void on(PageAcknowledged e) {
        if (!SUBJECT.equals(e.subjectType())) {
            return; // an incident's page: acknowledging the incident acknowledges its groups (AlertingListeners)
        }
        long id;
        try {
            id = Long.parseLong(e.subjectId());
        } catch (NumberFormatException notOurs) {
            return;
        }
        // The person who acknowledged the page was paged about this group: they acknowledge it.
        try {
            Actor.runAs(e.username(), Role.RESPONDER, () -> groups.acknowledge(id, null));
        } catch (ConflictException | NotFoundException resolvedOrGone) {
            log.info("page of alert group {} acknowledged; the group was not: {}", id, resolvedOrGone.getMessage());
        }
    }
}
