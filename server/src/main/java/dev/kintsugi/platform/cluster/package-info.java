/**
 * Changes that must reach every instance on one database: a change log table ({@code platform_change_log}) written
 * in the caller's transaction and followed by one thread per instance, woken by PostgreSQL {@code LISTEN/NOTIFY}
 * (polling on H2 and as a safety net). See {@link dev.kintsugi.platform.cluster.ClusterChanges}.
 */
@org.springframework.modulith.NamedInterface("cluster")
package dev.kintsugi.platform.cluster;
