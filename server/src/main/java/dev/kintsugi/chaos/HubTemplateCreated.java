package dev.kintsugi.chaos;

import java.time.Instant;

/** A team's hub template was created ({@code id} as in the API: {@code team-<n>}). */
public record HubTemplateCreated(String id, String name, long teamId, Instant at) {}
