package dev.kintsugi.search;

import java.util.Locale;

/** What a search hit is. The name in lower case is the {@code type:} filter and the facet's value. */
public enum DocumentType {
    INCIDENT,
    POSTMORTEM,
    COUNTERMEASURE,
    EXPERIMENT,
    RUNBOOK;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The index key of one of these documents: {@code incident:12}. */
    String key(long id) {
        return id() + ":" + id;
    }
}
