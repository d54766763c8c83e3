package dev.kintsugi.catalog.web;

import dev.kintsugi.catalog.Team;
import java.time.Instant;
import java.util.List;

/** A team as the API shows it: named by its slug, with member usernames and the names of services it owns. */
record TeamResponse(
        String name,
        String displayName,
        String description,
        String contactChannel,
        List<String> members,
        List<String> services,
        Instant createdAt,
        long version) {

    static TeamResponse of(Team t, List<String> services) {
        return new TeamResponse(
                t.name(),
                t.displayName(),
                t.description(),
                t.contactChannel(),
                t.members(),
                services,
                t.createdAt(),
                t.version());
    }
}
