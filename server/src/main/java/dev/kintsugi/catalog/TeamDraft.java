package dev.kintsugi.catalog;

import java.util.List;

/** What a person fills in to create or change a team. Members are usernames. */
public record TeamDraft(
        String name, String displayName, String description, String contactChannel, List<String> members) {}
