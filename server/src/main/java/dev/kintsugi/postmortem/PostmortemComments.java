package dev.kintsugi.postmortem;

import static dev.kintsugi.postmortem.PostmortemInput.optional;
import static dev.kintsugi.postmortem.PostmortemInput.required;

import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.postmortem.persistence.PostmortemCommentRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reviewers' comments on a post-mortem, optionally about one field. Written once, never edited. */
@Service
@Transactional
public class PostmortemComments {
    private final PostmortemCommentRepository repo;
    private final PostmortemAccess access;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PostmortemComments(
            PostmortemCommentRepository repo,
            PostmortemAccess access,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.repo = repo;
        this.access = access;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    public Comment comment(long id, String field, String body) {
        PostmortemRefs refs = access.refs(id);
        String text = required(body, "body", 10_000);
        Instant now = clock.instant();
        long c = repo.add(id, Actor.current(), optional(field, "field", 40), text, now);
        audit.record(
                "postmortem.commented", "postmortem", "PM-" + id, "Comment on PM-" + id, null, Map.of("comment", c));
        Comment comment =
                repo.comments(id).stream().filter(x -> x.id() == c).findFirst().orElseThrow();
        events.publishEvent(new PostmortemCommented(refs, comment));
        return comment;
    }

    @Transactional(readOnly = true)
    public List<Comment> comments(long id) {
        access.visibleRow(id);
        return repo.comments(id);
    }
}
