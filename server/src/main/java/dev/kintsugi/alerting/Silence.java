package dev.kintsugi.alerting;

import java.time.Instant;
import java.util.List;

/** Alerts whose labels match every matcher open no incident and page nobody until {@code endsAt}. */
public record Silence(
        long id,
        List<LabelMatcher> matchers,
        Instant startsAt,
        Instant endsAt,
        String comment,
        String createdBy,
        Instant createdAt,
        long version) {
    public boolean activeAt(Instant at) {
        return !at.isBefore(startsAt) && at.isBefore(endsAt);
    }
}
