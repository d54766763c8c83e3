package dev.kintsugi.chaos;

import java.time.Instant;

/** A team's hub template was updated ({@code id} as in the API: {@code team-<n>}). */
public record HubTemplateUpdated(String id, String name, long teamId, Instant at) {}
