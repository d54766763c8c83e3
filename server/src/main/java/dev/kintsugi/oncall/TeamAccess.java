package dev.kintsugi.oncall;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.Team;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.platform.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/** Who may change a team's schedules and policies: admins, and responders who are members of the team. */
@Component
class TeamAccess {
    private final CatalogManagement catalog;

    TeamAccess(CatalogManagement catalog) {
        this.catalog = catalog;
    }

    boolean mayEdit(long teamId) {
        if (Actor.hasRole(Role.ADMIN)) {
            return true;
        }
        if (!Actor.hasRole(Role.RESPONDER)) {
            return false;
        }
        String me = Actor.current();
        return catalog.findTeam(teamId).map(t -> t.members().contains(me)).orElse(false);
    }

    void requireEdit(long teamId) {
        if (!mayEdit(teamId)) {
            throw new AccessDeniedException("only the team's responders and admins change its on-call");
        }
    }

    Team team(String name, String field) {
        if (name == null || name.isBlank()) {
            throw new dev.kintsugi.platform.InvalidInputException(field, "oncall.invalid.required", "is required");
        }
        return catalog.findTeam(name)
                .orElseThrow(() -> new dev.kintsugi.platform.InvalidInputException(
                        field, "oncall.invalid.noSuchTeam", "no such team: " + name, name));
    }

    String teamName(long id) {
        return catalog.findTeam(id).map(Team::name).orElse("#" + id);
    }

    Team teamById(long id) {
        return catalog.findTeam(id).orElseThrow(() -> new NotFoundException("Team", id));
    }
}
