package dev.kintsugi.alerting;

import java.time.Instant;

/**
 * An alert catalog definition was documented or changed ({@code created}: it is new): its name, owning team and
 * runbook may differ from before. Readers fetch the definition again ({@link AlertCatalog#find(Long)}).
 */
public record AlertDefinitionChanged(long definitionId, String name, long teamId, boolean created, Instant at) {}
