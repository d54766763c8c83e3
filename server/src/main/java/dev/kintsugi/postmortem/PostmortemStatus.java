package dev.kintsugi.postmortem;

import java.util.Set;

/**
 * {@code DRAFT → IN_REVIEW → PUBLISHED}, and back from review to draft. Publishing freezes a revision; a
 * published post-mortem is read-only until amended ({@code PUBLISHED → DRAFT}), which starts a new revision while
 * the published one stays what readers see.
 */
public enum PostmortemStatus {
    DRAFT,
    IN_REVIEW,
    PUBLISHED;

    public Set<PostmortemStatus> allowedNext() {
        return switch (this) {
            case DRAFT -> Set.of(IN_REVIEW);
            case IN_REVIEW -> Set.of(DRAFT, PUBLISHED);
            case PUBLISHED -> Set.of(DRAFT);
        };
    }

    public boolean canMoveTo(PostmortemStatus target) {
        return allowedNext().contains(target);
    }
}
