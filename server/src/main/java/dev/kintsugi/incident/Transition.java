package dev.kintsugi.incident;

/**
 * A request to move an incident to another status. {@code reason} is required (10+ characters) to reopen;
 * {@code closureReason} to close, with {@code duplicateOf} (the other incident's id) for duplicates.
 */
public record Transition(IncidentStatus to, String reason, ClosureReason closureReason, Long duplicateOf) {
    public static Transition to(IncidentStatus to) {
        return new Transition(to, null, null, null);
    }
}
