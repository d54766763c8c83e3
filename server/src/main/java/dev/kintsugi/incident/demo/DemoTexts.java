package dev.kintsugi.incident.demo;

import dev.kintsugi.incident.Severity;
import dev.kintsugi.incident.demo.DemoScenarios.Scenario;
import java.util.Random;

/** The words of a past incident's story: its description and its first notes. */
final class DemoTexts {
    private DemoTexts() {}

    static String description(Scenario sc) {
        String first = sc.services().getFirst();
        return "## What we see\n" + sc.symptom() + "\n\n## Impact\n" + impact(sc.severity()) + "\n\n## Links\n"
                + "- Runbook: https://runbooks.example.com/" + first + "\n"
                + "- Dashboard: https://grafana.example.com/d/" + first + "/overview\n";
    }

    private static String impact(Severity sev) {
        return switch (sev) {
            case SEV1 -> "Most customers cannot use the shop. Revenue is lost every minute.";
            case SEV2 -> "A core feature is broken or badly degraded for many customers.";
            case SEV3 -> "A feature is degraded for some customers; a workaround exists.";
            case SEV4 -> "Little or no customer impact; internal users notice.";
            case SEV5 -> "Cosmetic or internal only.";
        };
    }

    static String firstNote(Random random, Scenario sc) {
        String service = sc.services().getFirst();
        return switch (random.nextInt(3)) {
            case 0 ->
                "Paged for `" + service + "`. " + sc.symptom() + " Looking at" + " https://grafana.example.com/d/"
                        + service + "/overview.";
            case 1 -> "Confirmed from my side: " + sc.symptom() + " Opening the runbook.";
            default ->
                "Seen on the dashboards and in the logs. " + sc.symptom() + " Checking the last deploys of `" + service
                        + "`.";
        };
    }

    static String secondNote(Random random, Scenario sc, int level) {
        if (level <= 3) {
            int tickets = 3 + random.nextInt(40 / level);
            return "Support has " + tickets + " tickets mentioning this so far; macro prepared for replies.";
        }
        return switch (random.nextInt(3)) {
            case 0 -> "No infrastructure change in the last 24 h; nothing unusual on the nodes.";
            case 1 ->
                "Checked the deploy log: one release of `" + sc.services().getFirst()
                        + "` this week. Keeping it in mind.";
            default -> "Nothing related in the other teams' channels. No customer reports yet.";
        };
    }

    static String perspectiveOf(int level) {
        return level <= 3 ? "customer support" : "SRE";
    }
}
