package dev.kintsugi.incident;

import java.util.Optional;
import org.springframework.stereotype.Component;

/** A test-only policy proving the extension point: incidents titled "[needs-review]…" cannot close. */
@Component
class RefusingClosurePolicy implements ClosurePolicy {
    static final String MARKER = "[needs-review]";

    @Override
    public Optional<Refusal> check(IncidentView incident, ClosureReason reason) {
        return incident.title().startsWith(MARKER)
                ? Optional.of(new Refusal(
                        "Publish the post-mortem of " + incident.key() + " first", "/postmortems/" + incident.key()))
                : Optional.empty();
    }
}
