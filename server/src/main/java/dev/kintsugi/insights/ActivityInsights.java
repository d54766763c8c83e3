package dev.kintsugi.insights;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.chaos.RunScore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What happened around the incidents: alert groups, chaos run scores and the Chaos Monkey's terminations. */
@Service
public class ActivityInsights {
    private final AlertStore alerts;
    private final MonkeyStore monkey;
    private final CatalogManagement catalog;
    private final CatalogNames names;
    private final ChaosScoreStore chaosScores;

    ActivityInsights(
            AlertStore alerts,
            MonkeyStore monkey,
            CatalogManagement catalog,
            CatalogNames names,
            ChaosScoreStore chaosScores) {
        this.alerts = alerts;
        this.monkey = monkey;
        this.catalog = catalog;
        this.names = names;
        this.chaosScores = chaosScores;
    }

    public record NoisyAlert(String title, int triggers, boolean documented, Long acknowledgeSeconds) {}

    public record TeamAlerts(
            String team,
            long groups,
            long undocumented,
            long acknowledged,
            Double meanAckSeconds,
            Double medianAckSeconds) {}

    public record ServiceResilience(String service, int score) {}

    /** A service's Chaos Monkey terminations in a period: carried out, and only recorded while leashed. */
    public record ServiceTerminations(String service, long carriedOut, long leashed) {
        public long total() {
            return carriedOut + leashed;
        }
    }

    @Transactional(readOnly = true)
    public List<NoisyAlert> noisiestAlerts(Instant from, Instant to, int limit) {
        return alerts.noisiest(from, to, Math.clamp(limit, 1, 100)).stream()
                .map(g -> new NoisyAlert(g.title(), g.triggers(), g.definitionId() != null, g.acknowledgeSeconds()))
                .toList();
    }

    @Transactional(readOnly = true)
    public List<TeamAlerts> alertsByTeam(Instant from, Instant to) {
        CatalogNames.Lookup n = names.now();
        return alerts.alertsByTeam(from, to).stream()
                .map(t -> new TeamAlerts(
                        n.team(t.teamId()), t.groups(), t.undocumented(), t.acknowledged(), t.meanAck(), t.medianAck()))
                .toList();
    }

    /**
     * Each catalog service's resilience score over its last ten scored chaos runs (LitmusChaos's weighted mean of
     * the runs' probe success, {@link RunScore#weighted}), from the read model in one query; services without runs
     * left out.
     */
    @Transactional(readOnly = true)
    public List<ServiceResilience> resilience() {
        List<ServiceResilience> result = new ArrayList<>();
        Map<Long, List<RunScore>> scores = chaosScores.lastScores(10);
        for (CatalogService s : catalog.services()) {
            Integer score = RunScore.weighted(scores.getOrDefault(s.id(), List.of()));
            if (score != null) {
                result.add(new ServiceResilience(s.name(), score));
            }
        }
        return result;
    }

    /**
     * The Chaos Monkey's terminations in the filter's period per service, most first: of the filter's service, or
     * of the services its team owned at the time, when given (severities and game days do not apply).
     */
    @Transactional(readOnly = true)
    public List<ServiceTerminations> monkeyTerminations(InsightsFilter f) {
        CatalogNames.Lookup n = names.now();
        return monkey.perService(f.from(), f.to(), f.teamId(), f.serviceId()).stream()
                .map(t -> new ServiceTerminations(n.service(t.serviceId()), t.carriedOut(), t.leashed()))
                .toList();
    }
}
