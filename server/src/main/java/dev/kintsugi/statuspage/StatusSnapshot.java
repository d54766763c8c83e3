package dev.kintsugi.statuspage;

import java.time.Instant;
import java.util.List;

/**
 * The status page as a visitor sees it at {@code at}: only public data (public names, published titles, public
 * updates and summaries). Uptime days are in the zone it was built for.
 */
public record StatusSnapshot(
        Instant at,
        ComponentState overall,
        List<Group> groups,
        List<IncidentCard> active,
        List<Maintenance> maintenance,
        List<IncidentCard> past) {

    /** Components under one group name (null: ungrouped). */
    public record Group(String name, List<ComponentStatus> components) {}

    public record ComponentStatus(
            long serviceId,
            String name,
            String description,
            String group,
            int position,
            ComponentState state,
            List<Uptime.Day> days,
            double uptime30,
            double uptime90) {
        /** The days some incident touched, newest first. */
        public List<Uptime.Day> busyDays() {
            return days.stream().filter(d -> !d.quiet()).toList().reversed();
        }
    }

    /**
     * A published incident: its public title, public status (its latest update's), the worst state it gave, its
     * impact window, its updates newest first, its public summary (sanitised HTML, may be null) and the public names
     * of the components it concerns.
     */
    public record IncidentCard(
            long id,
            String title,
            UpdateStatus status,
            ComponentState impact,
            Instant startedAt,
            Instant endedAt,
            List<PublicUpdate> updates,
            String summaryHtml,
            String summary,
            List<Long> serviceIds,
            List<String> components,
            Instant updatedAt) {}

    public List<ComponentStatus> components() {
        return groups.stream().flatMap(g -> g.components().stream()).toList();
    }

    public boolean allOperational() {
        return overall == ComponentState.OPERATIONAL;
    }
}
