package dev.kintsugi.postmortem;

import java.time.Instant;
import java.util.List;

/** What people wrote about a countermeasure changed (not its status): the fields that changed, and all of it now. */
public record CountermeasureUpdated(
        PostmortemRefs refs,
        long countermeasureId,
        List<String> changedFields,
        CountermeasureDraft details,
        String by,
        Instant at) {}
