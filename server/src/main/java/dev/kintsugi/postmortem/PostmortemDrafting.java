package dev.kintsugi.postmortem;

import dev.kintsugi.incident.IncidentResolved;
import dev.kintsugi.platform.Actor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * When an incident resolves, its post-mortem draft is waiting: the lesson starts while memories are fresh.
 * Runs right after the resolving transaction commits, in its own transaction, and not asynchronously: an
 * incident resolved, reopened and resolved again in quick succession must not race to create two drafts. The
 * publication is still recorded by Modulith's registry, so a failure is retried rather than lost.
 */
@Component
class PostmortemDrafting {
    private final PostmortemDrafts drafts;

    PostmortemDrafting(PostmortemDrafts drafts) {
        this.drafts = drafts;
    }

    @TransactionalEventListener
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void on(IncidentResolved event) {
        // in the resolving request, as its user; replayed after a restart, as the system
        if (Actor.authenticated().isPresent()) {
            drafts.draftFor(event.incidentId());
        } else {
            Actor.runAsSystem(
                    "draft the post-mortem of resolved " + event.key(), () -> drafts.draftFor(event.incidentId()));
        }
    }
}
