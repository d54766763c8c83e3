package dev.kintsugi.postmortem;

import dev.kintsugi.postmortem.language.Finding;

/** A language finding in one field of a post-mortem: where, what, why, and a question to reframe it. */
public record FieldFinding(
        String field, int start, int end, String match, Finding.Category category, String explanation, String prompt) {

    static FieldFinding of(String field, Finding f) {
        return new FieldFinding(field, f.start(), f.end(), f.match(), f.category(), f.explanation(), f.prompt());
    }
}
