package dev.kintsugi.chaos;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.platform.Versions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A catalog service's chaos targets (fault proxies, Kubernetes selectors, steady-state endpoints, Chaos Monkey
 * actuators) and its policy (allow-lists, blast-radius caps, window). Cluster credentials never come here: they are
 * configuration ({@code kintsugi.chaos.kubernetes.*}). Writes need {@code CHAOS_ENGINEER}, and are audited.
 */
@Service
@Transactional
public class ChaosTargets {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,79}");
    private static final Pattern LIST_ITEM = Pattern.compile("[A-Za-z0-9._:-]{1,253}");
    private static final Pattern LABELS = Pattern.compile("[A-Za-z0-9._/=,!-]{1,2000}");

    private final TargetRepository targetRows;
    private final CatalogManagement catalog;
    private final AuditLog audit;
    private final ChaosProperties properties;
    private final Clock clock;
    private final HttpClient http;

    ChaosTargets(
            TargetRepository targetRows,
            CatalogManagement catalog,
            AuditLog audit,
            ChaosProperties properties,
            Clock clock) {
        this.targetRows = targetRows;
        this.catalog = catalog;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.checkTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Transactional(readOnly = true)
    public List<TargetView> targets(String service) {
        return targetRows.targets(catalog.service(service).id());
    }

    public TargetView addTarget(String service, TargetDraft d) {
        ChaosExperiments.requireChaosEngineer();
        CatalogService s = catalog.service(service);
        if (d.kind() == null) {
            throw new InvalidInputException(
                    "kind", "chaos.error.target.kind", "must be one of PROXY, KUBERNETES, HTTP, CHAOS_MONKEY");
        }
        if (d.name() == null || !NAME.matcher(d.name()).matches()) {
            throw new InvalidInputException(
                    "name", "chaos.error.target.name", "lower-case letters, digits and dashes, at most 80");
        }
        String url = null;
        if (d.kind() != TargetKind.KUBERNETES) {
            url = httpUrl(d.url(), "url");
        } else if (d.url() != null && !d.url().isBlank()) {
            throw new InvalidInputException(
                    "url",
                    "chaos.error.target.k8sUrl",
                    "a Kubernetes target has no URL: the cluster comes from configuration");
        }
        List<String> proxies = items(d.proxies(), "proxies");
        if (d.kind() == TargetKind.PROXY && proxies.isEmpty()) {
            throw new InvalidInputException(
                    "proxies", "chaos.error.target.proxies", "name the proxies in front of the service's dependencies");
        }
        String namespace = null;
        String labels = null;
        if (d.kind() == TargetKind.KUBERNETES) {
            namespace = d.namespace() == null || d.namespace().isBlank()
                    ? "default"
                    : d.namespace().trim();
            if (!NAME.matcher(namespace).matches()) {
                throw new InvalidInputException(
                        "namespace", "chaos.error.target.namespace", "not a Kubernetes namespace");
            }
            if (d.labels() == null || !LABELS.matcher(d.labels().trim()).matches()) {
                throw new InvalidInputException(
                        "labels", "chaos.error.target.labels", "a label selector, like app=checkout,tier=web");
            }
            labels = d.labels().trim();
        }
        if (targetRows.targets(s.id()).stream().anyMatch(t -> t.name().equals(d.name()))) {
            throw new ConflictException(
                    "chaos.error.target.taken",
                    "Service " + s.name() + " already has a target named " + d.name(),
                    java.util.Map.of(),
                    s.name(),
                    d.name());
        }
        long id = targetRows.insertTarget(
                s.id(), new TargetDraft(d.kind(), d.name(), url, proxies, namespace, labels), clock.instant());
        TargetView t = targetRows.target(id).orElseThrow();
        audit.record("chaos.target.added", "service", s.name(), "Added chaos target " + t.name(), null, t);
        return t;
    }

    public void removeTarget(String service, long id) {
        ChaosExperiments.requireChaosEngineer();
        CatalogService s = catalog.service(service);
        TargetView t = targetRows
                .target(id)
                .filter(x -> x.serviceId() == s.id())
                .orElseThrow(() -> new NotFoundException("Target", id));
        targetRows.deleteTarget(s.id(), id);
        audit.record("chaos.target.removed", "service", s.name(), "Removed chaos target " + t.name(), t, null);
    }

    /** Whether the target answers now (a short timeout); Kubernetes targets are checked against the configured API. */
    @Transactional(readOnly = true)
    public Reachability check(String service, long id) {
        CatalogService s = catalog.service(service);
        TargetView t = targetRows
                .target(id)
                .filter(x -> x.serviceId() == s.id())
                .orElseThrow(() -> new NotFoundException("Target", id));
        String url = switch (t.kind()) {
            case PROXY -> t.url() + "/version";
            case HTTP -> t.url();
            case CHAOS_MONKEY -> t.url() + "/chaosmonkey/status";
            case KUBERNETES ->
                properties.kubernetes().apiUrl() == null
                        ? null
                        : properties.kubernetes().apiUrl() + "/version";
        };
        if (url == null) {
            return new Reachability(false, "no cluster configured (kintsugi.chaos.kubernetes.api-url)");
        }
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(properties.checkTimeout())
                    .GET();
            if (t.kind() == TargetKind.KUBERNETES && properties.kubernetes().token() != null) {
                request.header(
                        "Authorization", "Bearer " + properties.kubernetes().token());
            }
            HttpResponse<Void> r = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return new Reachability(r.statusCode() < 500, "HTTP " + r.statusCode());
        } catch (IOException | IllegalArgumentException e) {
            return new Reachability(false, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reachability(false, "interrupted");
        }
    }

    @Transactional(readOnly = true)
    public ServicePolicy policy(String service) {
        long id = catalog.service(service).id();
        return targetRows.policy(id).orElse(ServicePolicy.defaults(id));
    }

    /** Replaces the service's policy; {@code expectedVersion} (If-Match) refuses a stale write with 412. */
    public ServicePolicy setPolicy(String service, ServicePolicy p, Long expectedVersion) {
        ChaosExperiments.requireChaosEngineer();
        CatalogService s = catalog.service(service);
        ServicePolicy before = targetRows.policy(s.id()).orElse(null);
        Versions.require(expectedVersion, before == null ? 0 : before.version(), "Chaos policy of " + s.name());
        if (p.maxConcurrentRuns() < 1 || p.maxConcurrentRuns() > 100) {
            throw new InvalidInputException(
                    "maxConcurrentRuns", "chaos.error.policy.maxConcurrentRuns", "between 1 and 100");
        }
        if (p.maxPodPercent() < 0 || p.maxPodPercent() > 100) {
            throw new InvalidInputException("maxPodPercent", "chaos.error.policy.maxPodPercent", "between 0 and 100");
        }
        List<String> days = new ArrayList<>();
        for (String d : items(p.windowDays(), "windowDays")) {
            try {
                days.add(Guardrails.day(d).name().substring(0, 3));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("windowDays", "chaos.error.policy.days", "days as MON, TUE, ... SUN");
            }
        }
        String start = time(p.windowStart(), "windowStart");
        String end = time(p.windowEnd(), "windowEnd");
        if ((start == null) != (end == null)) {
            throw new InvalidInputException(
                    start == null ? "windowStart" : "windowEnd",
                    "chaos.error.policy.window",
                    "give both ends of the window");
        }
        String zone = null;
        if (p.windowZone() != null && !p.windowZone().isBlank()) {
            try {
                zone = ZoneId.of(p.windowZone().trim()).getId();
            } catch (DateTimeException e) {
                throw new InvalidInputException(
                        "windowZone", "chaos.error.policy.zone", "not a time zone, like Europe/Paris");
            }
        }
        ServicePolicy clean = new ServicePolicy(
                s.id(),
                items(p.allowedNamespaces(), "allowedNamespaces"),
                items(p.allowedHosts(), "allowedHosts").stream()
                        .map(h -> h.toLowerCase(Locale.ROOT))
                        .toList(),
                items(p.allowedProxies(), "allowedProxies"),
                p.maxConcurrentRuns(),
                p.maxPodPercent(),
                days,
                start,
                end,
                zone,
                0);
        if (before == null) {
            targetRows.insertPolicy(clean);
        } else if (targetRows.updatePolicy(clean, before.version()) == 0) {
            throw new ConflictException(
                    "chaos.error.policy.changed",
                    "The chaos policy of " + s.name() + " changed at the same time; read it again",
                    java.util.Map.of(),
                    s.name());
        }
        ServicePolicy after = targetRows.policy(s.id()).orElseThrow();
        audit.record(
                "chaos.policy.changed", "service", s.name(), "Changed the chaos policy of " + s.name(), before, after);
        return after;
    }

    private static String time(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalTime.parse(value.trim()).toString().substring(0, 5);
        } catch (DateTimeException e) {
            throw new InvalidInputException(field, "chaos.error.time", "a time of day as HH:mm");
        }
    }

    private static List<String> items(List<String> values, String field) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > 50) {
            throw new InvalidInputException(field, "chaos.error.list.size", "at most 50 entries");
        }
        List<String> clean = new ArrayList<>();
        for (String v : values) {
            if (v == null || !LIST_ITEM.matcher(v.trim()).matches()) {
                throw new InvalidInputException(
                        field, "chaos.error.list.item", "names of letters, digits, '.', '_', ':' and '-'");
            }
            clean.add(v.trim());
        }
        return List.copyOf(clean);
    }

    private static String httpUrl(String url, String field) {
        if (url == null || url.isBlank() || url.length() > 2000) {
            throw new InvalidInputException(field, "chaos.error.url", "an http(s) URL");
        }
        try {
            URI u = new URI(url.trim());
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                throw new InvalidInputException(field, "chaos.error.url", "an http(s) URL");
            }
        } catch (java.net.URISyntaxException e) {
            throw new InvalidInputException(field, "chaos.error.url", "an http(s) URL");
        }
        String u = url.trim();
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }
}
