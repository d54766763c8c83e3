package dev.kintsugi.insights;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.catalog.Team;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The catalog's service and team names for the figures: each list read once (the catalog reads a team's members
 * with each team, 1 + teams queries) and shared by the figures of one page for up to a second, rather than a query
 * per row; an id the lists lack (an archived service, a team made a moment ago) is looked up once, then
 * remembered; an id the catalog no longer knows shows as {@code #id}.
 */
@Component
class CatalogNames {
    private static final long REUSE_NANOS = 1_000_000_000L;
    private final CatalogManagement catalog;
    private volatile Lookup current;

    CatalogNames(CatalogManagement catalog) {
        this.catalog = catalog;
    }

    /** The names as the catalog had them at most a second ago (each list read when first needed). */
    Lookup now() {
        long t = System.nanoTime();
        Lookup l = current;
        if (l == null || t - l.readAt > REUSE_NANOS) {
            l = new Lookup(catalog, t);
            current = l;
        }
        return l;
    }

    static final class Lookup {
        private final CatalogManagement catalog;
        private final long readAt;
        private final Lazy services;
        private final Lazy teams;

        private Lookup(CatalogManagement catalog, long readAt) {
            this.catalog = catalog;
            this.readAt = readAt;
            this.services = new Lazy(() -> {
                Map<Long, String> m = new ConcurrentHashMap<>();
                catalog.services().forEach(s -> m.put(s.id(), s.name()));
                return m;
            });
            this.teams = new Lazy(() -> {
                Map<Long, String> m = new ConcurrentHashMap<>();
                catalog.teams().forEach(t -> m.put(t.id(), t.name()));
                return m;
            });
        }

        String service(long id) {
            return services.get()
                    .computeIfAbsent(
                            id,
                            i -> catalog.findService(i)
                                    .map(CatalogService::name)
                                    .orElse("#" + i));
        }

        String team(long id) {
            return teams.get()
                    .computeIfAbsent(
                            id, i -> catalog.findTeam(i).map(Team::name).orElse("#" + i));
        }
    }

    /** A map read on first use. */
    private static final class Lazy {
        private final Supplier<Map<Long, String>> read;
        private volatile Map<Long, String> value;

        Lazy(Supplier<Map<Long, String>> read) {
            this.read = read;
        }

        Map<Long, String> get() {
            Map<Long, String> v = value;
            if (v == null) {
                synchronized (this) {
                    v = value;
                    if (v == null) {
                        v = read.get();
                        value = v;
                    }
                }
            }
            return v;
        }
    }
}
