package dev.kintsugi.postmortem.demo;

import dev.kintsugi.incident.IncidentView;
import dev.kintsugi.incident.Milestone;
import dev.kintsugi.postmortem.FactorCategory;
import dev.kintsugi.postmortem.PostmortemContent;
import java.util.ArrayList;
import java.util.List;

/** What the demo's post-mortems say: their summaries, tags, factors, decisions and countermeasures. */
final class PostmortemDemoTexts {
    private PostmortemDemoTexts() {}

    static final Object[][] COUNTERMEASURES = {
        {
            "Alert on the SLO burn rate instead of the raw error count",
            dev.kintsugi.postmortem.CountermeasureKind.TELEMETRY_OR_ALERT
        },
        {
            "Add a contract test for the payment gateway's timeout behaviour",
            dev.kintsugi.postmortem.CountermeasureKind.AUTOMATED_TEST
        },
        {
            "Require a second reviewer for changes to production configuration",
            dev.kintsugi.postmortem.CountermeasureKind.PEER_REVIEW_RULE
        },
        {"Rehearse the region failover every quarter", dev.kintsugi.postmortem.CountermeasureKind.REHEARSAL},
        {"Add a canary stage to the configuration pipeline", dev.kintsugi.postmortem.CountermeasureKind.DESIGN_CHANGE},
        {
            "Update the runbook with the cache warm-up steps",
            dev.kintsugi.postmortem.CountermeasureKind.RUNBOOK_OR_DOCUMENTATION
        },
        {
            "Make the deploy tool wait for readiness before reporting success",
            dev.kintsugi.postmortem.CountermeasureKind.DESIGN_CHANGE
        },
    };

    static String summaryOf(IncidentView incident) {
        String description =
                incident.description() == null ? "" : incident.description().strip();
        return "On " + incident.milestone(Milestone.DECLARED).toString().substring(0, 10) + ", " + incident.title()
                + " (" + incident.key() + ", " + incident.severity() + ").\n\n" + description;
    }

    static List<String> tagsOf(IncidentView incident) {
        List<String> tags = new ArrayList<>();
        tags.add(incident.severity().name().toLowerCase());
        incident.services().stream().limit(2).forEach(s -> tags.add(s.name()));
        return tags;
    }

    static final String[] IMPACT = {
        "Customers saw errors for part of the window; support received a handful of tickets.",
        "A share of requests were slow or failed; most customers retried successfully.",
        "No data was lost. Some customers could not complete their task until the mitigation landed.",
    };
    static final String[] WENT_WELL = {
        "The alert fired within minutes and the on-call engineer had the runbook open right away.",
        "Roles were clear from the start: one commander, one scribe, one voice to customers.",
        "Rolling back was a single, well-rehearsed command.",
        "People from three teams joined the channel quickly and shared what they saw.",
    };
    static final String[] HARD = {
        "The dashboards showed averages, which hid the tail latency that customers felt.",
        "Two changes had shipped within the hour, so it took a while to tell which one mattered.",
        "The runbook described an older version of the deployment.",
        "Logs from the affected hosts were sampled, so the failing requests were hard to find.",
    };
    static final String[] LUCKY = {
        "It happened during working hours, when the owning team was online.",
        "Traffic was low at the time: fewer customers were affected than on a weekday peak.",
        "Someone happened to be watching the graph when it dipped.",
    };
    static final String[] DETECTION = {
        "An SLO burn-rate alert paged the on-call engineer.",
        "Support noticed a spike of tickets before any alert fired: detection came from customers.",
        "A synthetic check from another region failed three times in a row.",
    };
    static final PostmortemContent.Factor[] FACTORS = {
        new PostmortemContent.Factor(
                FactorCategory.TECHNICAL, "A timeout default was longer than the client's own retry budget."),
        new PostmortemContent.Factor(
                FactorCategory.PROCESS,
                "The change went out without a canary stage because the pipeline treated configuration as low risk."),
        new PostmortemContent.Factor(
                FactorCategory.TOOLING, "The deploy tool showed success before the new pods were ready."),
        new PostmortemContent.Factor(
                FactorCategory.COMMUNICATION,
                "The dependency's maintenance window was announced in a channel the owning team does not follow."),
        new PostmortemContent.Factor(
                FactorCategory.KNOWLEDGE, "Only one person knew how the cache is warmed after a failover."),
        new PostmortemContent.Factor(
                FactorCategory.ENVIRONMENT,
                "Staging has a tenth of production's data, so the slow query never showed there."),
    };
    static final PostmortemContent.Decision[] DECISIONS = {
        new PostmortemContent.Decision(
                "Rolled back instead of fixing forward.",
                "The rollback was rehearsed and took two minutes; the fix was not yet understood.",
                null),
        new PostmortemContent.Decision(
                "Waited ten minutes before declaring an incident.",
                "The first alert had been flaky for weeks, so it looked like noise at first.",
                null),
        new PostmortemContent.Decision(
                "Failed over to the second region.",
                "The error rate was rising and the runbook named failover as the safe first step.",
                null),
    };
}
