package dev.kintsugi.chaos;

/**
 * One ended run's steady-state probes: how many passed out of how many (hypothesis and the check after), and the
 * weight of its experiment in the resilience score.
 */
public record RunScore(long runId, int passed, int total, int weight) {
    /** LitmusChaos's resilience score of these runs: Σ(weight × probe success %) / Σ weight; null without runs. */
    public static Integer weighted(java.util.List<RunScore> scores) {
        long weights = scores.stream().mapToLong(RunScore::weight).sum();
        return weights == 0
                ? null
                : (int) Math.round(scores.stream()
                                .mapToDouble(s -> (double) s.weight() * s.percent())
                                .sum()
                        / weights);
    }

    public int percent() {
        return total == 0 ? 0 : Math.round(100f * passed / total);
    }
}
