package dev.kintsugi.experiment.provider;

import static dev.kintsugi.experiment.provider.PythonProvider.defaults;

import dev.kintsugi.experiment.provider.PythonProvider.Args;
import dev.kintsugi.experiment.provider.PythonProvider.Function;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * {@code chaosprometheus.probes} (chaostoolkit-prometheus 0.6) natively: {@code query} and {@code query_interval}
 * against {@code prometheus_base_url} from the configuration (default {@code http://localhost:9090}); the output is
 * Prometheus' JSON answer as-is. Times ({@code when}, {@code start}, {@code end}) are RFC 3339 dates, {@code now},
 * or "N seconds/minutes/hours/days/weeks ago" (and "in N ..."), counted from the run's clock.
 */
final class ChaosPrometheus {

    private static final Pattern RELATIVE = Pattern.compile(
            "(?:(in)\\s+)?(\\d+|an?)\\s*(s|sec|secs|seconds?|mins?|minutes?|h|hours?|days?|weeks?)(?:\\s+(ago))?");

    private ChaosPrometheus() {}

    static void register(PythonProvider p) {
        java.util.function.Function<Args, List<String>> base = a -> List.of(base(a));
        p.register(
                "chaosprometheus.probes",
                "query",
                new Function(
                        List.of("query"),
                        defaults("when", null, "timeout", null, "verify_tls", true),
                        (a, c) -> {
                            Map<String, String> params = new LinkedHashMap<>();
                            params.put("query", a.str("query"));
                            if (a.value("timeout") != null) {
                                params.put("timeout", a.str("timeout"));
                            }
                            if (a.str("when") != null && !a.str("when").isEmpty()) {
                                params.put("time", rfc3339(parse(a.str("when"), c)));
                            }
                            return get(a, "/api/v1/query", params, "Prometheus query");
                        },
                        null,
                        base));
        p.register(
                "chaosprometheus.probes",
                "query_interval",
                new Function(
                        List.of("query", "start", "end"),
                        defaults("step", 1, "timeout", null, "verify_tls", true),
                        (a, c) -> {
                            Map<String, String> params = new LinkedHashMap<>();
                            params.put("query", a.str("query"));
                            if (a.value("timeout") != null) {
                                params.put("timeout", a.str("timeout"));
                            }
                            if (a.value("step") != null && !"0".equals(a.str("step"))) {
                                params.put("step", a.str("step"));
                            }
                            params.put("start", rfc3339(parse(a.str("start"), c)));
                            params.put("end", rfc3339(parse(a.str("end"), c)));
                            return get(a, "/api/v1/query_range", params, "Prometheus query range");
                        },
                        null,
                        base));
    }

    private static String base(Args a) {
        String url = a.config("prometheus_base_url");
        return Toxiproxy.trim(url == null ? "http://localhost:9090" : url);
    }

    private static JsonNode get(Args a, String path, Map<String, String> params, String what)
            throws ActivityFailedException, InterruptedException {
        StringBuilder url = new StringBuilder(base(a)).append(path);
        char sep = '?';
        for (var e : params.entrySet()) {
            url.append(sep).append(Toxiproxy.enc(e.getKey())).append('=').append(Toxiproxy.enc(e.getValue()));
            sep = '&';
        }
        JsonHttp.Response r = JsonHttp.send("GET", url.toString(), null, a.timeout);
        if (r.status() != 200) {
            throw new ActivityFailedException(what + " " + params + " failed: " + r.text());
        }
        return r.body();
    }

    /** The instant a chaosprometheus time argument names, from the run's clock. */
    static Instant parse(String text, RunContext c) throws ActivityFailedException {
        String s = text.strip().toLowerCase(Locale.ROOT);
        Instant now = c.clock().instant();
        if (s.equals("now")) {
            return now;
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException notRfc3339) {
            // relative forms below
        }
        try {
            return java.time.LocalDateTime.parse(text.strip()).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notLocal) {
            // relative forms below
        }
        Matcher m = RELATIVE.matcher(s);
        if (m.matches() && (m.group(1) != null) != (m.group(4) != null)) {
            long n = m.group(2).startsWith("a") ? 1 : Long.parseLong(m.group(2));
            String unit = m.group(3);
            long seconds = unit.startsWith("w")
                    ? n * 7 * 86_400
                    : unit.startsWith("d")
                            ? n * 86_400
                            : unit.startsWith("h") ? n * 3_600 : unit.startsWith("m") ? n * 60 : n;
            return m.group(4) != null ? now.minusSeconds(seconds) : now.plusSeconds(seconds);
        }
        throw new ActivityFailedException("failed to parse '" + text + "'");
    }

    static String rfc3339(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
