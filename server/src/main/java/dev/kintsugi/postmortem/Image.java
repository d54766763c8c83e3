package dev.kintsugi.postmortem;

import java.time.Instant;

/** An image attached to a post-mortem (a graph, a screenshot). {@code data} is only loaded to serve it. */
public record Image(
        long id,
        String filename,
        String contentType,
        int sizeBytes,
        String uploadedBy,
        Instant uploadedAt,
        byte[] data) {}
