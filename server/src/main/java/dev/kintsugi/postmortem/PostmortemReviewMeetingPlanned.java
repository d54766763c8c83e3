package dev.kintsugi.postmortem;

import java.time.Instant;

/** The review meeting of a post-mortem was planned or moved. */
public record PostmortemReviewMeetingPlanned(PostmortemRefs refs, ReviewMeeting meeting, String by, Instant at) {
    public long postmortemId() {
        return refs.postmortemId();
    }
}
