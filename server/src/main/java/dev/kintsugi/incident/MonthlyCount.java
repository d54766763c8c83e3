package dev.kintsugi.incident;

import java.time.YearMonth;
import java.util.Map;

/** Incidents declared in one month, per severity. */
public record MonthlyCount(YearMonth month, Map<Severity, Integer> bySeverity) {
    public int total() {
        return bySeverity.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int count(Severity s) {
        return bySeverity.getOrDefault(s, 0);
    }
}
