package dev.kintsugi.alerting;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Who may manage an integration: the system, admins, and responders of the team owning it (the team it belongs
 * to, or the one owning its service, as the catalog says now).
 */
@Component
class IntegrationAccess {
    private final CatalogManagement catalog;

    IntegrationAccess(CatalogManagement catalog) {
        this.catalog = catalog;
    }

    /** Whether the current actor may manage this integration (responder of its owning team, or admin). */
    boolean mayManage(Integration i) {
        return Actor.isSystem()
                || Actor.hasRole(Role.ADMIN)
                || (Actor.hasRole(Role.RESPONDER) && member(owningTeam(i)));
    }

    /** Refuses (403) an actor who may not manage this integration. */
    void requireMayManage(Integration i) {
        requireMayManage(owningTeam(i));
    }

    private long owningTeam(Integration i) {
        if (i.teamId() != null) {
            return i.teamId();
        }
        return catalog.findService(i.serviceId())
                .map(CatalogService::ownerTeamId)
                .orElse(-1L);
    }

    /** Refuses (403) an actor who may not manage what team {@code teamId} owns. */
    void requireMayManage(long teamId) {
        if (Actor.isSystem() || Actor.hasRole(Role.ADMIN)) {
            return;
        }
        if (!Actor.hasRole(Role.RESPONDER) || !member(teamId)) {
            throw new AccessDeniedException("integrations are managed by responders of the owning team, or admins");
        }
    }

    private boolean member(long teamId) {
        String user = Actor.current();
        return catalog.findTeam(teamId).map(t -> t.members().contains(user)).orElse(false);
    }
}
