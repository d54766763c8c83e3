package dev.kintsugi.statuspage;

import java.time.Instant;

/**
 * One public update of an incident, as customers read it: the writer's own {@code body}, or ({@code templated})
 * the status's template ({@code statuspage.template.<status>}), rendered in each reader's language. Who published
 * it is audited, never shown.
 */
public record PublicUpdate(
        long id, long incidentId, UpdateStatus status, String body, boolean templated, Instant publishedAt) {}
