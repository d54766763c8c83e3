package dev.kintsugi.insights;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.springframework.stereotype.Component;

/**
 * Headline figures as Prometheus gauges ({@code /actuator/prometheus}), over the last 30 days, game days left out:
 * {@code kintsugi_insights_<metric>_seconds{stat="mean|median|p90"}} for detect, acknowledge, mitigate, resolve
 * (mttr) and impact, {@code kintsugi_insights_incidents}, {@code kintsugi_insights_countermeasures_overdue} and
 * {@code kintsugi_insights_weak_signals}. Read from the read model when scraped (a few aggregate queries); the
 * figures of one scrape are computed once and reused by its gauges for a second.
 */
@Component
class InsightsGauges implements MeterBinder {
    static final Duration PERIOD = Duration.ofDays(30);
    private static final Map<Metric, String> NAMES = Map.of(
            Metric.DETECT, "kintsugi.insights.mttd",
            Metric.ACKNOWLEDGE, "kintsugi.insights.mtta",
            Metric.MITIGATE, "kintsugi.insights.mttm",
            Metric.RESOLVE, "kintsugi.insights.mttr",
            Metric.IMPACT, "kintsugi.insights.impact");

    private final Insights insights;
    private final WeakSignals signals;
    private final Clock clock;
    private volatile Snapshot snapshot;

    InsightsGauges(Insights insights, WeakSignals signals, Clock clock) {
        this.insights = insights;
        this.signals = signals;
        this.clock = clock;
    }

    private record Snapshot(Instant at, Map<Metric, MetricStats> stats, long weakSignals, long overdue) {}

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Metric m : Metric.values()) {
            gauge(registry, NAMES.get(m), "mean", s -> nan(s.stats().get(m).mean()));
            gauge(registry, NAMES.get(m), "median", s -> nan(s.stats().get(m).median()));
            gauge(registry, NAMES.get(m), "p90", s -> nan(s.stats().get(m).p90()));
        }
        Gauge.builder(
                        "kintsugi.insights.incidents",
                        this,
                        g -> g.read(s -> (double) s.stats().get(Metric.RESOLVE).measured()
                                + s.stats().get(Metric.RESOLVE).missing()))
                .description("incidents declared in the last 30 days (game days left out)")
                .register(registry);
        Gauge.builder("kintsugi.insights.countermeasures.overdue", this, g -> g.read(s -> (double) s.overdue()))
                .description("active countermeasures past their due date")
                .register(registry);
        Gauge.builder("kintsugi.insights.weak.signals", this, g -> g.read(s -> (double) s.weakSignals()))
                .description("weak signals nothing addresses yet")
                .register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String stat, ToDoubleFunction<Snapshot> f) {
        Gauge.builder(name, this, g -> g.read(f))
                .baseUnit("seconds")
                .tag("stat", stat)
                .description("over the incidents declared in the last 30 days (game days left out)")
                .register(registry);
    }

    private double read(ToDoubleFunction<Snapshot> f) {
        try {
            Instant now = clock.instant();
            Snapshot s = snapshot;
            if (s == null || s.at().plusSeconds(1).isBefore(now) || s.at().isAfter(now)) {
                s = new Snapshot(
                        now,
                        insights.stats(InsightsFilter.between(now.minus(PERIOD), now.plusSeconds(1))),
                        signals.current().size(),
                        insights.overdueCountermeasures());
                snapshot = s;
            }
            return f.applyAsDouble(s);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private static double nan(Double d) {
        return d == null ? Double.NaN : d;
    }
}
