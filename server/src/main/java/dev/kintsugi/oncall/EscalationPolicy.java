package dev.kintsugi.oncall;

import java.time.Instant;
import java.util.List;

/**
 * An escalation policy: levels paged in order, each after the previous one's timeout, the whole list {@code
 * repeat} more times; acknowledging stops it. {@code teamDefault}: the policy pages for the team when a page names
 * no policy.
 */
public record EscalationPolicy(
        long id,
        String name,
        String displayName,
        long teamId,
        boolean teamDefault,
        List<EscalationLevel> levels,
        int repeat,
        PolicyRouting routing,
        Instant createdAt,
        long version) {

    /** The stored part of a policy besides its columns. */
    public record Definition(List<EscalationLevel> levels, int repeat, PolicyRouting routing) {}
}
