package dev.kintsugi.chaos;

import java.time.Instant;
import java.util.List;

/** A chaos target of a catalog service. */
public record TargetView(
        long id,
        long serviceId,
        TargetKind kind,
        String name,
        String url,
        List<String> proxies,
        String namespace,
        String labels,
        Instant createdAt) {}
