package dev.kintsugi.incident;

import java.util.Optional;

/**
 * An extension point other modules implement to veto closing an incident (the post-mortem module requires a
 * published post-mortem for severe incidents). Every policy bean is asked; the first refusal wins and is
 * answered with 409 and its link.
 */
public interface ClosurePolicy {

    Optional<Refusal> check(IncidentView incident, ClosureReason reason);

    /**
     * Why closing is refused, and where to go to fix it (a path or URL, may be null). The message's bundle code and
     * arguments (code null when there is none) let the refusal be said in the reader's language; the message is
     * its English text.
     */
    record Refusal(String message, String link, String code, java.util.List<Object> args) {
        public Refusal {
            args = java.util.List.copyOf(args);
        }

        public Refusal(String message, String link) {
            this(message, link, null, java.util.List.of());
        }
    }
}
