package dev.kintsugi.postmortem;

import dev.kintsugi.postmortem.persistence.PostmortemRepository;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reading post-mortems: one, an incident's, and who may read what. Post-mortems of private incidents are visible
 * only to those who can see the incident. Writing is split by responsibility: {@link PostmortemDrafts},
 * {@link PostmortemEditing}, {@link PostmortemPublication}, {@link PostmortemTimeline}, {@link PostmortemImages},
 * {@link PostmortemComments}, {@link Countermeasures}, {@link ReviewMeetings}.
 */
@Service
@Transactional(readOnly = true)
public class PostmortemManagement {
    private final PostmortemRepository repo;
    private final PostmortemAccess access;
    private final PostmortemBulkReads bulk;

    PostmortemManagement(PostmortemRepository repo, PostmortemAccess access, PostmortemBulkReads bulk) {
        this.repo = repo;
        this.access = access;
        this.bulk = bulk;
    }

    public Postmortem get(long id) {
        return access.get(id);
    }

    /** The current viewer's read access for list queries; null when they may read everything. */
    public ReadAccess readAccess() {
        return access.readAccess();
    }

    public Optional<Postmortem> findForIncident(long incidentId) {
        return repo.idForIncident(incidentId).map(this::get);
    }

    /** For the incident module's closure rule: is this incident's post-mortem published? Not visibility-checked. */
    public Optional<PostmortemStatus> statusForIncident(long incidentId) {
        return repo.idForIncident(incidentId).flatMap(repo::find).map(PostmortemRepository.Row::status);
    }

    public Optional<Long> idForIncident(long incidentId) {
        return repo.idForIncident(incidentId);
    }

    /**
     * For index and read-model builders: up to {@code limit} (1 to 1000) post-mortems with an id above
     * {@code afterId}, ordered by id, whole: content (text fields, lessons, factors, decisions, tags, services),
     * incident, own timeline and countermeasures. Page through all of them with {@code afterId} = the last id of the
     * previous page, starting at 0, until a page is empty. A page costs a constant number of queries (one per child
     * table), never one per post-mortem. For the system only ({@code Actor.runAsSystem}): private incidents'
     * post-mortems and private reviews are included, the caller applies privacy.
     */
    public List<PostmortemRecord> readAll(long afterId, int limit) {
        return bulk.readAll(afterId, limit);
    }
}
