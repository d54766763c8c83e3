package dev.kintsugi.oncall;

import java.util.List;

/**
 * Page people about a subject of another module (an alert group, an incident). {@code escalationPolicyId} null:
 * the default policy of the first team (in order) that has one. {@code link}: where the subject is seen.
 */
public record PageRequest(
        String subjectType,
        String subjectId,
        String title,
        String summary,
        String severity,
        List<Long> serviceIds,
        List<Long> teamIds,
        Long escalationPolicyId,
        String link) {
    public PageRequest {
        serviceIds = serviceIds == null ? List.of() : List.copyOf(serviceIds);
        teamIds = teamIds == null ? List.of() : List.copyOf(teamIds);
    }
}
