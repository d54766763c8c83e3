package dev.kintsugi.statuspage;

import java.time.Instant;

/** An incident once published: its public title and the public summary written for customers (may be null). */
public record PublicIncident(long incidentId, String title, String summary, Instant firstPublishedAt, long version) {}
