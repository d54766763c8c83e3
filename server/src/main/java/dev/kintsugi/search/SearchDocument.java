package dev.kintsugi.search;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One document of the index, as built from another module's facade: what it is ({@code type}, the {@code ref}
 * people know it by, {@code INC-12}, {@code PM-3}, the {@code parent} it belongs to (a post-mortem's incident, a
 * countermeasure's post-mortem; may be null) and where it is shown), its texts, the names it is filtered and
 * counted by, its date, and who may read it ({@code restricted}: only {@code readers} and admins).
 */
record SearchDocument(
        DocumentType type,
        long id,
        String ref,
        String parent,
        String url,
        String title,
        String body,
        List<String> services,
        List<String> teams,
        String severity,
        String status,
        List<String> tags,
        Instant date,
        boolean restricted,
        Set<String> readers) {

    SearchDocument {
        services = services == null ? List.of() : List.copyOf(services);
        teams = teams == null ? List.of() : List.copyOf(teams);
        tags = tags == null ? List.of() : List.copyOf(tags);
        readers = readers == null ? Set.of() : Set.copyOf(readers);
        title = title == null ? "" : title;
        body = body == null ? "" : body;
    }

    String key() {
        return type.key(id);
    }
}
