package dev.kintsugi.alerting;

import java.time.Instant;

/** While it lasts, alerts of the service are recorded but open no incident and page nobody. */
public record MaintenanceWindow(
        long id, long serviceId, Instant startsAt, Instant endsAt, String reason, String createdBy, Instant createdAt) {
    public boolean activeAt(Instant at) {
        return !at.isBefore(startsAt) && at.isBefore(endsAt);
    }
}
