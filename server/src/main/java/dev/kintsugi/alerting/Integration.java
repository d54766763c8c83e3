package dev.kintsugi.alerting;

import java.time.Instant;

/**
 * Where alerts come from: one sender (an Alertmanager receiver, a PagerDuty service integration...) belonging to a
 * service or a team. Its key is never kept, only a hash and a hint of its first characters; {@code signed} says
 * every request must carry an HMAC signature. {@code previousKeyExpiresAt} is set while a rotated key still works.
 */
public record Integration(
        long id,
        String name,
        SourceType sourceType,
        Long serviceId,
        Long teamId,
        String keyHint,
        boolean signed,
        String mapping,
        RoutingAction routing,
        String createdBy,
        Instant createdAt,
        Instant previousKeyExpiresAt,
        boolean disabled,
        long version) {}
