package dev.kintsugi.catalog;

/** How much the business depends on a service: TIER_1 is customer-facing and critical. */
public enum Tier {
    TIER_1("Critical: customer-facing, revenue"),
    TIER_2("High: important, degraded experience when down"),
    TIER_3("Medium: internal, workarounds exist"),
    TIER_4("Low: experimental or best-effort");

    private final String description;

    Tier(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public String label() {
        return "Tier " + (ordinal() + 1);
    }
}
