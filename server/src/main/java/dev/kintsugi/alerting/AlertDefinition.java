package dev.kintsugi.alerting;

import dev.kintsugi.incident.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An entry of the alert catalog: a named alert ({@code <application>.<squad>.<description>}), the team that owns
 * it, the label matchers that recognise it, how its source severities map to incident severities, its routing
 * (null: the integration's) and its runbook in Markdown, with the expected time to resolve.
 */
public record AlertDefinition(
        long id,
        String name,
        long ownerTeamId,
        List<LabelMatcher> matchers,
        Map<String, Severity> severityMapping,
        RoutingAction routing,
        String runbook,
        Integer expectedMinutes,
        Instant createdAt,
        long version) {
    /** The incident severity for a source severity: this definition's mapping, else the default one. */
    public Severity severityFor(String sourceSeverity) {
        if (sourceSeverity != null) {
            Severity s = severityMapping.get(sourceSeverity.toLowerCase(java.util.Locale.ROOT));
            if (s != null) {
                return s;
            }
        }
        return SeverityMapping.DEFAULT.apply(sourceSeverity);
    }
}
