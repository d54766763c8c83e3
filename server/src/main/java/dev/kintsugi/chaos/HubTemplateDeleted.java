package dev.kintsugi.chaos;

import java.time.Instant;

/** A team's hub template was deleted ({@code id} as in the API: {@code team-<n>}). */
public record HubTemplateDeleted(String id, String name, long teamId, Instant at) {}
