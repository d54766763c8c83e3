package dev.kintsugi.platform.cluster;

import java.time.Instant;

/**
 * One recorded change.
 *
 * @param id its place in the log (ascending across all topics)
 * @param topic what kind of change ({@code live}, {@code search}, …)
 * @param key what it concerns (a live-update topic, a document id); may be null
 * @param payload anything the listeners need; may be null
 * @param at when it was appended (the application's clock)
 * @param origin the instance that appended it ({@code kintsugi.cluster.instance-name})
 */
public record ClusterChange(long id, String topic, String key, String payload, Instant at, String origin) {}
