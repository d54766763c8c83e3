package dev.kintsugi.catalog;

import java.time.Instant;

/** A service moved from one owning team to another. */
public record ServiceOwnershipChanged(
        long serviceId, String name, long previousOwnerTeamId, long ownerTeamId, Instant at) {}
