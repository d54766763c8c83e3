package dev.kintsugi.postmortem.persistence;

import java.util.List;

/**
 * The SQL form of "may this viewer see post-mortem {@code p}?", for list queries (the facade's {@code get} checks
 * the same rule row by row). It mirrors the incident module's rule for private incidents (declarer and
 * participants) and the post-mortem's own for private reviews without an incident (participants, facilitator,
 * owner, author). Admins skip it.
 */
final class PostmortemVisibility {
    static final String CONDITION = """
            ((p.incident_id is not null and exists (select 1 from incident i where i.id = p.incident_id
                and (i.private_incident = false or i.declared_by = ? or exists (select 1 from incident_participant ip
                    where ip.incident_id = i.id and ip.username = ?))))
             or (p.incident_id is null and (p.private_review = false or p.created_by = ? or p.facilitator = ?
                or p.owner = ? or exists (select 1 from postmortem_participant pp
                    where pp.postmortem_id = p.id and pp.username = ?))))""";

    private PostmortemVisibility() {}

    static List<Object> params(String viewer) {
        return List.of(viewer, viewer, viewer, viewer, viewer, viewer);
    }
}
