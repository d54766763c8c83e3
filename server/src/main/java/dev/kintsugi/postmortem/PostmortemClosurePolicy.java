package dev.kintsugi.postmortem;

import dev.kintsugi.incident.ClosurePolicy;
import dev.kintsugi.incident.ClosureReason;
import dev.kintsugi.incident.IncidentView;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Incidents of the severities in {@code kintsugi.postmortem.required-for} (SEV1–SEV3 by default) that were
 * really resolved cannot be closed until their post-mortem is published. Duplicates, false positives and
 * cancelled incidents close freely.
 */
@Component
class PostmortemClosurePolicy implements ClosurePolicy {
    private final PostmortemManagement postmortems;
    private final PostmortemProperties properties;

    PostmortemClosurePolicy(PostmortemManagement postmortems, PostmortemProperties properties) {
        this.postmortems = postmortems;
        this.properties = properties;
    }

    @Override
    public Optional<Refusal> check(IncidentView incident, ClosureReason reason) {
        if (reason != ClosureReason.RESOLVED
                || !properties.requiredFor().contains(incident.severity().name())) {
            return Optional.empty();
        }
        Optional<Long> id = postmortems.idForIncident(incident.id());
        if (id.isPresent() && postmortems.statusForIncident(incident.id()).orElse(null) == PostmortemStatus.PUBLISHED) {
            return Optional.empty();
        }
        String link = id.map(i -> "/postmortems/" + i).orElse("/postmortems/new?incident=" + incident.key());
        return Optional.of(new Refusal(
                incident.key() + " is " + incident.severity() + ": publish its post-mortem"
                        + id.map(i -> " (PM-" + i + ")").orElse("") + " before closing it",
                link,
                id.isPresent() ? "postmortem.closure.publishNamed" : "postmortem.closure.publish",
                List.of(
                        incident.key(),
                        String.valueOf(incident.severity()),
                        id.map(i -> "PM-" + i).orElse(""))));
    }
}
