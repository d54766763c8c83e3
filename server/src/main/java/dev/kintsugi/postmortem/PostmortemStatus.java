package dev.kintsugi.postmortem;

import java.util.Set;

/**
 * {@code DRAFT → IN_REVIEW → PUBLISHED}, and back from review to draft. Publishing freezes a revision; a
 * published post-mortem stays published, later edits make new revisions.
 */
public enum PostmortemStatus {
    DRAFT,
    IN_REVIEW,
    PUBLISHED;

    public Set<PostmortemStatus> allowedNext() {
        return switch (this) {
            case DRAFT -> Set.of(IN_REVIEW);
            case IN_REVIEW -> Set.of(DRAFT, PUBLISHED);
            case PUBLISHED -> Set.of();
        };
    }

    public boolean canMoveTo(PostmortemStatus target) {
        return allowedNext().contains(target);
    }
}
