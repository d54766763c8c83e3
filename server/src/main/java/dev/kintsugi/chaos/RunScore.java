package dev.kintsugi.chaos;

/** One ended run's steady-state probes: how many passed out of how many (hypothesis and the check after). */
public record RunScore(long runId, int passed, int total) {
    public int percent() {
        return total == 0 ? 0 : Math.round(100f * passed / total);
    }
}
