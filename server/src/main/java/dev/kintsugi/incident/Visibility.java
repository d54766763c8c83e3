package dev.kintsugi.incident;

/** A status update is for responders only, or for everyone (the public status page). */
public enum Visibility {
    INTERNAL,
    PUBLIC
}
