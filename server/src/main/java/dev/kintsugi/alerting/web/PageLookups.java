package dev.kintsugi.alerting.web;

import dev.kintsugi.catalog.CatalogManagement;
import java.util.HashMap;
import java.util.Map;

/** What the alerting pages look up alike: the catalog's names by id. */
final class PageLookups {
    private PageLookups() {}

    static Map<Long, String> serviceNames(CatalogManagement catalog) {
        Map<Long, String> m = new HashMap<>();
        catalog.services().forEach(s -> m.put(s.id(), s.name()));
        return m;
    }

    static Map<Long, String> teamNames(CatalogManagement catalog) {
        Map<Long, String> m = new HashMap<>();
        catalog.teams().forEach(t -> m.put(t.id(), t.name()));
        return m;
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
