package dev.kintsugi.incident.web;

import dev.kintsugi.platform.Role;
import dev.kintsugi.platform.UserAccount;
import dev.kintsugi.platform.UserManagement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The people the incident pages offer and name: active users, who may hold a role, display names. */
@Component
class IncidentPeople {
    private final UserManagement users;

    IncidentPeople(UserManagement users) {
        this.users = users;
    }

    List<UserAccount> active() {
        return users.list().stream().filter(UserAccount::enabled).toList();
    }

    /** Who may hold an incident role: a VIEWER reads incidents but does not act in them. */
    List<UserAccount> responders() {
        return active().stream().filter(u -> u.role().includes(Role.RESPONDER)).toList();
    }

    Map<String, String> displayNames() {
        Map<String, String> names = new LinkedHashMap<>();
        users.list().forEach(u -> names.put(u.username(), u.displayName()));
        return names;
    }
}
