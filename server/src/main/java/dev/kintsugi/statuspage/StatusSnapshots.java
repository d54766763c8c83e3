package dev.kintsugi.statuspage;

import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.IncidentStatus;
import dev.kintsugi.incident.IncidentView;
import dev.kintsugi.incident.Milestone;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.Markdown;
import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.statuspage.StatusSnapshot.ComponentStatus;
import dev.kintsugi.statuspage.StatusSnapshot.Group;
import dev.kintsugi.statuspage.StatusSnapshot.IncidentCard;
import dev.kintsugi.statuspage.persistence.StatusPageRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Builds the public {@link StatusSnapshot}, anonymously: incidents are read as the system (reason "status page"),
 * and only their published parts are kept. A private incident is left out even if it was published before it
 * was made private. {@code audience} limits the page to some components (null: all).
 */
@Service
public class StatusSnapshots {
    public static final int DAYS = 90;
    static final Duration PAST = Duration.ofDays(DAYS);

    private final StatusPage page;
    private final StatusPageRepository repo;
    private final IncidentManagement incidents;
    private final Markdown markdown;
    private final Clock clock;

    StatusSnapshots(
            StatusPage page, StatusPageRepository repo, IncidentManagement incidents, Markdown markdown, Clock clock) {
        this.page = page;
        this.repo = repo;
        this.incidents = incidents;
        this.markdown = markdown;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public StatusSnapshot build(ZoneId zone, Set<Long> audience) {
        return Actor.runAsSystem("status page", () -> doBuild(zone, audience));
    }

    private StatusSnapshot doBuild(ZoneId zone, Set<Long> audience) {
        Instant now = clock.instant();
        List<PublicComponent> components = page.components().stream()
                .filter(c -> audience == null || audience.contains(c.serviceId()))
                .toList();
        Map<Long, PublicComponent> byService = new LinkedHashMap<>();
        components.forEach(c -> byService.put(c.serviceId(), c));
        Map<Long, List<PublicUpdate>> updates = repo.updates();

        List<IncidentCard> active = new ArrayList<>();
        List<IncidentCard> past = new ArrayList<>();
        Map<Long, List<StateRules.Impact>> impacts = new LinkedHashMap<>();
        Map<Long, List<Uptime.Window>> windows = new LinkedHashMap<>();
        for (PublicIncident pi : repo.incidents()) {
            List<PublicUpdate> list = updates.getOrDefault(pi.incidentId(), List.of());
            if (list.isEmpty()) {
                continue;
            }
            IncidentView v;
            try {
                v = incidents.get(pi.incidentId());
            } catch (NotFoundException e) {
                continue;
            }
            if (v.privateIncident()) {
                continue;
            }
            List<Long> serviceIds = v.services().stream()
                    .map(IncidentView.ServiceRef::id)
                    .filter(byService::containsKey)
                    .toList();
            if (serviceIds.isEmpty() && audience != null) {
                continue; // an audience sees only what concerns its components
            }
            PublicUpdate latest = list.getLast();
            boolean publiclyOpen = latest.status() != UpdateStatus.RESOLVED;
            boolean mitigated = v.milestone(Milestone.MITIGATED) != null;
            var impact =
                    new StateRules.Impact(v.severity(), publiclyOpen ? v.status() : IncidentStatus.RESOLVED, mitigated);
            ComponentState worst =
                    StateRules.of(new StateRules.Impact(v.severity(), IncidentStatus.INVESTIGATING, false));
            Instant start = first(v, Milestone.IMPACT_STARTED, Milestone.DETECTED, Milestone.DECLARED);
            Instant end = first(v, Milestone.MITIGATED, Milestone.RESOLVED);
            if (end == null && !publiclyOpen) {
                end = latest.publishedAt();
            }
            if (start == null) {
                start = pi.firstPublishedAt();
            }
            for (long s : serviceIds) {
                impacts.computeIfAbsent(s, k -> new ArrayList<>()).add(impact);
                windows.computeIfAbsent(s, k -> new ArrayList<>())
                        .add(new Uptime.Window(pi.incidentId(), pi.title(), start, end, worst));
            }
            IncidentCard card = new IncidentCard(
                    pi.incidentId(),
                    pi.title(),
                    latest.status(),
                    worst,
                    start,
                    end,
                    list.reversed(),
                    pi.summary() == null ? null : markdown.toHtml(pi.summary()),
                    pi.summary(),
                    serviceIds,
                    serviceIds.stream().map(s -> byService.get(s).name()).toList(),
                    latest.publishedAt());
            if (publiclyOpen) {
                active.add(card);
            } else if (latest.publishedAt().isAfter(now.minus(PAST))) {
                past.add(card);
            }
        }
        List<Maintenance> maintenance = repo.maintenances().stream()
                .filter(m -> !m.overAt(now))
                .filter(m -> audience == null || m.serviceIds().stream().anyMatch(byService::containsKey))
                .toList();

        Map<String, List<ComponentStatus>> grouped = new LinkedHashMap<>();
        ComponentState overall = ComponentState.OPERATIONAL;
        for (PublicComponent c : components) {
            boolean inMaintenance = maintenance.stream()
                    .anyMatch(m -> m.inProgressAt(now) && m.serviceIds().contains(c.serviceId()));
            ComponentState state =
                    StateRules.derive(impacts.getOrDefault(c.serviceId(), List.of()), inMaintenance, c.override(), now);
            overall = overall.worse(state);
            List<Uptime.Day> days = Uptime.days(windows.getOrDefault(c.serviceId(), List.of()), now, zone, DAYS);
            grouped.computeIfAbsent(c.group() == null ? "" : c.group(), k -> new ArrayList<>())
                    .add(new ComponentStatus(
                            c.serviceId(),
                            c.name(),
                            c.description(),
                            c.group(),
                            c.position(),
                            state,
                            days,
                            Uptime.percent(days, 30, now, zone),
                            Uptime.percent(days, DAYS, now, zone)));
        }
        List<Group> groups = new ArrayList<>();
        grouped.forEach((name, list) -> groups.add(new Group(name.isEmpty() ? null : name, List.copyOf(list))));
        past.sort(Comparator.comparing(IncidentCard::updatedAt).reversed());
        return new StatusSnapshot(now, overall, groups, active, maintenance, past);
    }

    private static Instant first(IncidentView v, Milestone... ms) {
        for (Milestone m : ms) {
            if (v.milestone(m) != null) {
                return v.milestone(m);
            }
        }
        return null;
    }
}
