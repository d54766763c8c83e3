package dev.kintsugi.incident;

import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.InvalidInputException;
import java.util.List;
import java.util.Map;

/** What a status move must say for itself, and how an illegal move is refused (409 with the allowed moves). */
final class TransitionRules {
    private TransitionRules() {}

    static void requireClosureReason(Transition t, long incidentId) {
        if (t.closureReason() == null) {
            throw new InvalidInputException(
                    "closureReason",
                    "incident.validation.closureReason",
                    "closing needs a reason: RESOLVED, DUPLICATE, FALSE_POSITIVE or CANCELLED");
        }
        if (t.closureReason() == ClosureReason.DUPLICATE) {
            if (t.duplicateOf() == null) {
                throw new InvalidInputException(
                        "duplicateOf", "incident.validation.duplicateOf", "name the incident this one duplicates");
            }
            if (t.duplicateOf() == incidentId) {
                throw new InvalidInputException(
                        "duplicateOf", "incident.validation.duplicateSelf", "an incident cannot duplicate itself");
            }
        }
    }

    static ConflictException illegal(String key, IncidentStatus status, IncidentStatus target) {
        List<String> allowed =
                status.allowedNext().stream().map(Enum::name).sorted().toList();
        String msg = status == target
                ? key + " is already " + status
                : key + " cannot move from " + status + " to " + target
                        + (allowed.isEmpty()
                                ? " (" + status + " is final)"
                                : "; allowed next: " + String.join(", ", allowed));
        return new ConflictException(
                status == target
                        ? "incident.conflict.already"
                        : allowed.isEmpty() ? "incident.conflict.final" : "incident.conflict.move",
                msg,
                Map.of("currentStatus", status.name(), "allowedNext", allowed),
                key,
                status.name(),
                target.name(),
                String.join(", ", allowed));
    }
}
