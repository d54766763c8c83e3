package dev.kintsugi.postmortem;

import java.util.Set;

/**
 * What the current viewer may read, for list queries: post-mortems of incidents except the private ones hidden
 * from them (as the incident module decides), and private reviews without an incident only when they take part.
 * Null stands for "everything" (admins, jobs).
 */
public record ReadAccess(String username, Set<Long> hiddenIncidents) {}
