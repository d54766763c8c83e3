package dev.kintsugi.incident;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.Role;
import dev.kintsugi.platform.UserAccount;
import dev.kintsugi.platform.UserManagement;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Checks what people send the incident facade, naming the offending field in a 400 when it is wrong. */
final class IncidentInput {
    private final CatalogManagement catalog;
    private final UserManagement users;

    IncidentInput(CatalogManagement catalog, UserManagement users) {
        this.catalog = catalog;
        this.users = users;
    }

    /** The declaration's times, checked against each other and the clock. */
    record DeclarationTimes(Instant declaredAt, Instant detectedAt, Instant impactStartedAt) {}

    DeclarationTimes declarationTimes(DeclareIncident cmd, Instant now) {
        Instant declaredAt = cmd.declaredAt() == null ? now : cmd.declaredAt();
        if (declaredAt.isAfter(now.plusSeconds(60))) {
            throw new InvalidInputException("declaredAt", "validation.future", "cannot be in the future");
        }
        Instant detectedAt = cmd.detectedAt() == null ? declaredAt : cmd.detectedAt();
        if (detectedAt.isAfter(declaredAt.plusSeconds(60))) {
            throw new InvalidInputException(
                    "detectedAt",
                    "incident.validation.detectedLate",
                    "cannot be after the declaration (or in the future)");
        }
        if (cmd.impactStartedAt() != null && cmd.impactStartedAt().isAfter(detectedAt)) {
            throw new InvalidInputException(
                    "impactStartedAt", "incident.validation.impactLate", "impact cannot start after it was detected");
        }
        return new DeclarationTimes(declaredAt, detectedAt, cmd.impactStartedAt());
    }

    Set<Long> serviceIds(List<String> names) {
        Set<Long> ids = new LinkedHashSet<>();
        if (names == null) {
            return ids;
        }
        for (String name : names) {
            CatalogService s = catalog.findService(name)
                    .orElseThrow(() -> new InvalidInputException(
                            "services", "validation.noService", "no service named '" + name + "'", name));
            ids.add(s.id());
        }
        return ids;
    }

    /** An enabled user, by username (trimmed, lower-cased). */
    String requireUser(String username, String field) {
        return account(username, field).username();
    }

    /**
     * An enabled user who may hold an incident role: a VIEWER reads incidents but does not act in them, so is
     * refused as commander, scribe or communications lead.
     */
    String requireResponder(String username, String field) {
        UserAccount a = account(username, field);
        if (!a.role().includes(Role.RESPONDER)) {
            throw new InvalidInputException(
                    field,
                    "incident.validation.notResponder",
                    "'" + a.username() + "' is a " + a.role() + " and cannot hold an incident role",
                    a.username(),
                    a.role().name());
        }
        return a.username();
    }

    private UserAccount account(String username, String field) {
        String u = username.trim().toLowerCase(Locale.ROOT);
        return users.find(u)
                .filter(UserAccount::enabled)
                .orElseThrow(() -> new InvalidInputException(
                        field, "validation.noUser", "no active user named '" + username + "'", username));
    }

    static String title(String title) {
        if (title == null || title.isBlank()) {
            throw new InvalidInputException("title", "validation.blank", "must not be blank");
        }
        String t = title.trim();
        if (t.length() > IncidentManagement.MAX_TITLE) {
            throw new InvalidInputException(
                    "title",
                    "validation.tooLong",
                    "must be at most " + IncidentManagement.MAX_TITLE + " characters",
                    IncidentManagement.MAX_TITLE);
        }
        return t;
    }

    /** Optional text: blank is absent. */
    static String text(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return limited(text, field);
    }

    static String limited(String text, String field) {
        if (text.length() > IncidentManagement.MAX_TEXT) {
            throw new InvalidInputException(
                    field,
                    "validation.tooLong",
                    "must be at most " + IncidentManagement.MAX_TEXT + " characters",
                    IncidentManagement.MAX_TEXT);
        }
        return text;
    }
}
