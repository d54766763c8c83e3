package dev.kintsugi.postmortem;

import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.platform.Versions;
import dev.kintsugi.postmortem.persistence.PostmortemRevisionRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Editing a post-mortem's content: each save is a revision; revisions can be read and compared. */
@Service
@Transactional
public class PostmortemEditing {
    private final PostmortemAccess access;
    private final PostmortemContentCheck check;
    private final PostmortemRevisionRepository revisions;
    private final AuditLog audit;
    private final JsonMapper json;
    private final Clock clock;

    PostmortemEditing(
            PostmortemAccess access,
            PostmortemContentCheck check,
            PostmortemRevisionRepository revisions,
            AuditLog audit,
            JsonMapper json,
            Clock clock) {
        this.access = access;
        this.check = check;
        this.revisions = revisions;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /** {@link #update(long, Long, Integer, PostmortemContent)} without an expected version. */
    public Postmortem update(long id, Integer basedOnRevision, PostmortemContent content) {
        return update(id, null, basedOnRevision, content);
    }

    /**
     * Saves new content as the next revision. {@code expectedVersion} (from {@code If-Match}) answers 412 if the
     * post-mortem changed since the client read it; {@code basedOnRevision} is the revision the editor started
     * from: if someone saved since, the save is refused (409) rather than silently overwriting their work.
     */
    public Postmortem update(long id, Long expectedVersion, Integer basedOnRevision, PostmortemContent content) {
        PostmortemReview pm = access.load(id);
        Versions.require(expectedVersion, pm.version(), pm.key());
        PostmortemContent before = pm.content();
        PostmortemContent checked = check.check(content);
        String actor = Actor.current();
        Instant now = clock.instant();
        PostmortemRefs refs = access.refs(id, pm.incidentId(), access.serviceIds(checked.services()));
        if (!pm.revise(basedOnRevision, checked, refs, actor, now)) {
            return access.get(id);
        }
        access.save(pm, actor, now);
        audit.record(
                "postmortem.edited",
                "postmortem",
                pm.key(),
                "Edited " + pm.key() + " (revision " + pm.revision() + ")",
                before,
                checked);
        return access.get(id);
    }

    @Transactional(readOnly = true)
    public List<Revision> revisions(long id) {
        access.visibleRow(id);
        return revisions.revisions(id);
    }

    @Transactional(readOnly = true)
    public PostmortemContent revision(long id, int number) {
        access.visibleRow(id);
        return revisions
                .content(id, number)
                .map(s -> json.readValue(s, PostmortemContent.class))
                .orElseThrow(() -> new NotFoundException("Revision", number));
    }

    /** Field-by-field differences between two revisions; unchanged fields are left out. */
    @Transactional(readOnly = true)
    public List<FieldDiff> diff(long id, int from, int to) {
        return FieldDiff.between(revision(id, from), revision(id, to));
    }
}
