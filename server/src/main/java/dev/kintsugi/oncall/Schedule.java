package dev.kintsugi.oncall;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** A schedule: rotations in layers, owned by a team; {@code version} grows with every change. */
public record Schedule(
        long id,
        String name,
        String displayName,
        long teamId,
        ZoneId zone,
        List<Rotation> rotations,
        int feedEpoch,
        Instant createdAt,
        long version) {}
