package dev.kintsugi.search.generator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What the parts of one generation share: the options, the one seeded random source and the draws made from it, the
 * next id of each table, the teams, services and people written, and the counts for the summary.
 *
 * <p>Every draw of a run comes from {@link #random}, in the order the parts make them: the same seed gives the same
 * history only as long as that order stays the same (moving a draw, or making one conditional, changes every row
 * after it).
 */
final class HistoryState {
    private static final String[] SEVERITIES = {"SEV1", "SEV2", "SEV3", "SEV4", "SEV5"};
    private static final double[] SEVERITY_WEIGHTS = {0.03, 0.12, 0.35, 0.35, 0.15};

    final GeneratorOptions options;
    final Random random;
    final Instant now;
    /** The next id of each table written with explicit ids; {@link HistoryGenerator} moves the identities past them. */
    final Map<String, Long> nextIds = new HashMap<>();

    final List<TeamRow> teams = new ArrayList<>();
    final List<ServiceRow> services = new ArrayList<>();
    final List<String> users = new ArrayList<>();
    long timelineEntries;
    long countermeasures;

    /** A team written; the first one is the anchor (its services often miss a recovery time). */
    record TeamRow(long id, String name, String displayName, boolean anchor) {}

    record ServiceRow(long id, String name, String displayName, TeamRow team) {}

    HistoryState(GeneratorOptions options) {
        this.options = options;
        this.random = new Random(options.seed());
        this.now = options.now();
    }

    long id(String table) {
        return nextIds.merge(table, 1L, Long::sum) - 1;
    }

    String region(boolean fr) {
        String r = pick(fr ? Vocabulary.REGIONS_FR : Vocabulary.REGIONS_EN);
        return r.isEmpty() ? "" : " " + r;
    }

    String text(List<String> choices, ServiceRow svc) {
        return pick(choices).replace("{svc}", svc.displayName());
    }

    <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    /** A service, skewed: a few services have most incidents, as in real histories. */
    ServiceRow pickService() {
        double u = random.nextDouble();
        return services.get((int) (services.size() * u * u));
    }

    String pickSeverity() {
        double u = random.nextDouble();
        for (int i = 0; i < SEVERITIES.length; i++) {
            u -= SEVERITY_WEIGHTS[i];
            if (u < 0) {
                return SEVERITIES[i];
            }
        }
        return SEVERITIES[SEVERITIES.length - 1];
    }

    /** A log-normal duration with this median (minutes) and spread. */
    double logNormal(double median, double sigma) {
        return median * Math.exp(sigma * random.nextGaussian());
    }

    static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
