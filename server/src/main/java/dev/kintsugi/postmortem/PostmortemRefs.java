package dev.kintsugi.postmortem;

import java.util.List;
import java.util.stream.Stream;

/**
 * What a post-mortem event concerns, so that listeners (search, insights) need no look-up: the post-mortem, its
 * incident (null for near misses, game days and others' outages), the services it names or its incident affected,
 * and the teams owning those services (or owning the countermeasure). Ids only, sorted, no duplicates.
 */
public record PostmortemRefs(long postmortemId, Long incidentId, List<Long> serviceIds, List<Long> teamIds) {
    public PostmortemRefs {
        serviceIds = sorted(serviceIds);
        teamIds = sorted(teamIds);
    }

    public String postmortemKey() {
        return "PM-" + postmortemId;
    }

    /** These refs, with one more team (a countermeasure's owner); unchanged for null. */
    public PostmortemRefs withTeam(Long teamId) {
        return teamId == null
                ? this
                : new PostmortemRefs(
                        postmortemId,
                        incidentId,
                        serviceIds,
                        Stream.concat(teamIds.stream(), Stream.of(teamId)).toList());
    }

    private static List<Long> sorted(List<Long> ids) {
        return ids == null ? List.of() : ids.stream().distinct().sorted().toList();
    }
}
