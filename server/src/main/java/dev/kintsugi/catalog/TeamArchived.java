package dev.kintsugi.catalog;

import java.time.Instant;

/** A team was deleted from the catalog (archived: history keeps its id and name). */
public record TeamArchived(long teamId, String name, Instant at) {}
