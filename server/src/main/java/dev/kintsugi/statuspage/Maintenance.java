package dev.kintsugi.statuspage;

import java.time.Instant;
import java.util.List;

/** Scheduled maintenance on some components, from {@code startsAt} to {@code endsAt}. */
public record Maintenance(
        long id, String title, String body, Instant startsAt, Instant endsAt, List<Long> serviceIds, long version) {
    public Maintenance {
        serviceIds = List.copyOf(serviceIds);
    }

    public boolean inProgressAt(Instant now) {
        return !now.isBefore(startsAt) && now.isBefore(endsAt);
    }

    public boolean overAt(Instant now) {
        return !now.isBefore(endsAt);
    }
}
