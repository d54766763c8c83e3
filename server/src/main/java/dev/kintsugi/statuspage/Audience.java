package dev.kintsugi.statuspage;

import java.time.Instant;
import java.util.List;

/** An audience: a named secret link showing only some components. {@code link} is set only when just created. */
public record Audience(long id, String name, List<Long> serviceIds, Instant createdAt, String link) {
    public Audience {
        serviceIds = List.copyOf(serviceIds);
    }
}
