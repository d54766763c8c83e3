package dev.kintsugi.postmortem.persistence;

import dev.kintsugi.postmortem.ReadAccess;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The SQL form of "may this viewer see post-mortem {@code p}?", for list queries (the facade's {@code get} checks
 * the same rule row by row). Post-mortems of incidents follow the incident module's rule, given as the set of
 * private incidents hidden from the viewer (this module never reads the incident tables); private reviews without
 * an incident are for their participants, facilitator, owner and author.
 */
final class PostmortemVisibility {

    private PostmortemVisibility() {}

    static String condition(ReadAccess access) {
        String hidden = access.hiddenIncidents().isEmpty()
                ? ""
                : " and p.incident_id not in ("
                        + String.join(
                                ", ",
                                Collections.nCopies(access.hiddenIncidents().size(), "?")) + ")";
        return "((p.incident_id is not null" + hidden + ")"
                + " or (p.incident_id is null and (p.private_review = false or p.created_by = ? or p.facilitator = ?"
                + " or p.owner = ? or exists (select 1 from postmortem_participant pp"
                + " where pp.postmortem_id = p.id and pp.username = ?))))";
    }

    static List<Object> params(ReadAccess access) {
        List<Object> params = new ArrayList<>(access.hiddenIncidents());
        String u = access.username();
        params.addAll(List.of(u, u, u, u));
        return params;
    }
}
