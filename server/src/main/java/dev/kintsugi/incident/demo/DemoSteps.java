package dev.kintsugi.incident.demo;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.NewNote;
import dev.kintsugi.incident.TimelineEntry;
import dev.kintsugi.incident.TimelineEntryKind;
import dev.kintsugi.incident.Visibility;
import dev.kintsugi.incident.demo.DemoScenarios.Scenario;
import dev.kintsugi.platform.AdjustableClock;
import dev.kintsugi.platform.Role;
import dev.kintsugi.platform.UserManagement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What the demo's stories are made of: acting as someone at a time through the facade, the people and teams of
 * the demo organisation, and the seeded randomness every demo shares (one {@link Random}, so every demo is the
 * same relative to today).
 */
abstract class DemoSteps {
    protected final IncidentManagement incidents;
    protected final CatalogManagement catalog;
    protected final AdjustableClock clock;
    protected final DemoData.Acting acting;
    protected final Instant now;
    protected final Random random;
    protected final Map<String, Role> roles;
    protected final List<String> responders;

    DemoSteps(
            IncidentManagement incidents,
            CatalogManagement catalog,
            UserManagement users,
            AdjustableClock clock,
            DemoData.Acting acting,
            Instant now,
            Random random) {
        this.incidents = incidents;
        this.catalog = catalog;
        this.clock = clock;
        this.acting = acting;
        this.now = now;
        this.random = random;
        this.roles = DemoOrganisation.PEOPLE.stream()
                .filter(p -> users.exists(p.username()))
                .collect(Collectors.toMap(DemoOrganisation.Person::username, DemoOrganisation.Person::role));
        this.responders = DemoOrganisation.PEOPLE.stream()
                .filter(p -> p.role() == Role.RESPONDER || p.role() == Role.CHAOS_ENGINEER)
                .map(DemoOrganisation.Person::username)
                .filter(roles::containsKey)
                .toList();
    }

    /** The same steps, people and randomness as {@code other}. */
    DemoSteps(DemoSteps other) {
        this.incidents = other.incidents;
        this.catalog = other.catalog;
        this.clock = other.clock;
        this.acting = other.acting;
        this.now = other.now;
        this.random = other.random;
        this.roles = other.roles;
        this.responders = other.responders;
    }

    // ---- the organisation ----

    protected String ownerOf(Scenario sc) {
        return catalog.findService(sc.services().getFirst())
                .map(CatalogService::ownerTeamName)
                .map(t -> t + " team")
                .orElse("engineering");
    }

    protected String serviceNames(Scenario sc) {
        return sc.services().stream()
                .map(s ->
                        catalog.findService(s).map(CatalogService::displayName).orElse(s))
                .collect(Collectors.joining(" and "));
    }

    protected List<String> teamOf(String service) {
        String owner =
                catalog.findService(service).map(CatalogService::ownerTeamName).orElse(null);
        List<String> members = owner == null
                ? List.of()
                : catalog.findTeam(owner).map(t -> t.members()).orElse(List.of()).stream()
                        .filter(responders::contains)
                        .toList();
        return members.isEmpty() ? responders : members;
    }

    // ---- acting at a time ----

    protected <T> T at(String user, Instant when, Supplier<T> work) {
        List<T> result = new ArrayList<>(1);
        acting.as(user, roles.getOrDefault(user, Role.RESPONDER), () -> result.add(clock.callAt(when, work)));
        return result.getFirst();
    }

    protected void at(String user, Instant when, Runnable work) {
        at(user, when, () -> {
            work.run();
            return null;
        });
    }

    protected long note(String key, String user, Instant when, String perspective, String body) {
        TimelineEntry e = at(
                user,
                when,
                () -> incidents.addNote(key, new NewNote(TimelineEntryKind.NOTE, body, null, perspective, null)));
        return e.id();
    }

    protected void statusUpdate(String key, String user, Instant when, Visibility visibility, String body) {
        at(
                user,
                when,
                () -> incidents.addNote(
                        key, new NewNote(TimelineEntryKind.STATUS_UPDATE, body, null, null, visibility)));
    }

    // ---- randomness ----

    protected Duration minutes(int min, int max) {
        return Duration.ofSeconds(60L * min + random.nextInt(Math.max(1, 60 * (max - min))));
    }

    /** A random duration in [min, max] minutes for a SEV1, stretched for milder severities. */
    protected Duration scaled(int level, int min, int max) {
        double factor = 1 + (level - 1) * 0.9;
        return minutes((int) Math.round(min * factor), (int) Math.round(max * factor));
    }

    protected String pick(List<String> from) {
        return from.get(random.nextInt(from.size()));
    }

    protected String pickOther(List<String> from, String... not) {
        List<String> rest = new ArrayList<>(from);
        rest.removeAll(List.of(not));
        if (rest.isEmpty()) {
            rest = new ArrayList<>(responders);
            rest.removeAll(List.of(not));
        }
        return rest.isEmpty() ? from.getFirst() : pick(rest);
    }

    protected static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
