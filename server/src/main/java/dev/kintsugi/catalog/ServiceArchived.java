package dev.kintsugi.catalog;

import java.time.Instant;

/** A service was deleted from the catalog (archived: history keeps its id and name). */
public record ServiceArchived(long serviceId, String name, long ownerTeamId, Instant at) {}
