package dev.kintsugi.postmortem;

import java.time.Instant;
import java.util.List;

/**
 * Everything a person writes in a post-mortem: the unit of editing, of revisions and of diffs. Text fields are
 * Markdown. Services are catalog names; people are usernames.
 */
public record PostmortemContent(
        String title,
        String severity,
        boolean scheduled,
        String facilitator,
        String owner,
        String summary,
        String customerImpact,
        String wentWell,
        String wasHard,
        String gotLucky,
        String detection,
        List<String> participants,
        List<String> tags,
        List<String> services,
        List<Factor> factors,
        List<Decision> decisions,
        List<Link> links) {

    public PostmortemContent {
        participants = participants == null ? List.of() : List.copyOf(participants);
        tags = tags == null ? List.of() : List.copyOf(tags);
        services = services == null ? List.of() : List.copyOf(services);
        factors = factors == null ? List.of() : List.copyOf(factors);
        decisions = decisions == null ? List.of() : List.copyOf(decisions);
        links = links == null ? List.of() : List.copyOf(links);
    }

    /** A contributing factor: what made the failure possible, in one of the categories. */
    public record Factor(FactorCategory category, String description) {}

    /** A key decision and why it made sense at the time, with what was known then. */
    public record Decision(String decision, String whyItMadeSense, Instant decidedAt) {}

    public record Link(LinkKind kind, String title, String url) {}

    /** The Markdown fields by name, in reading order, for the language check and the diff. */
    public java.util.Map<String, String> textFields() {
        var m = new java.util.LinkedHashMap<String, String>();
        m.put("summary", summary);
        m.put("customerImpact", customerImpact);
        m.put("wentWell", wentWell);
        m.put("wasHard", wasHard);
        m.put("gotLucky", gotLucky);
        m.put("detection", detection);
        for (int i = 0; i < factors.size(); i++) {
            m.put("factors[" + i + "]", factors.get(i).description());
        }
        for (int i = 0; i < decisions.size(); i++) {
            m.put("decisions[" + i + "].decision", decisions.get(i).decision());
            m.put("decisions[" + i + "].whyItMadeSense", decisions.get(i).whyItMadeSense());
        }
        return m;
    }
}
