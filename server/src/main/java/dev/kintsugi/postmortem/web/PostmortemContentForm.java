package dev.kintsugi.postmortem.web;

import dev.kintsugi.platform.Enums;
import dev.kintsugi.postmortem.FactorCategory;
import dev.kintsugi.postmortem.LinkKind;
import dev.kintsugi.postmortem.PostmortemContent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The post-mortem edit form as the browser posts it ({@code @ModelAttribute}-bound): the text fields by name,
 * people and tags as comma-separated text, services as checkboxes, factors, decisions and links as indexed rows
 * ({@code factors[0].description}). Empty rows are left out; enum values are checked with field-named errors.
 */
record PostmortemContentForm(
        String basedOn,
        String title,
        String severity,
        String scheduled,
        String facilitator,
        String owner,
        String summary,
        String customerImpact,
        String wentWell,
        String wasHard,
        String gotLucky,
        String detection,
        String participants,
        String tags,
        List<String> services,
        List<FactorRow> factors,
        List<DecisionRow> decisions,
        List<LinkRow> links) {

    record FactorRow(String category, String description) {}

    record DecisionRow(String decision, String whyItMadeSense) {}

    record LinkRow(String kind, String title, String url) {}

    /** The revision the editor started from; null if absent or not a number (the save then does not check). */
    Integer basedOnRevision() {
        try {
            return basedOn == null || basedOn.isBlank() ? null : Integer.valueOf(basedOn.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    PostmortemContent content() {
        List<PostmortemContent.Factor> fs = new ArrayList<>();
        for (FactorRow f : rows(factors)) {
            if (!blank(f.description())) {
                fs.add(new PostmortemContent.Factor(
                        blank(f.category())
                                ? null
                                : Enums.parse(
                                        FactorCategory.class, f.category(), "factors[" + fs.size() + "].category"),
                        f.description()));
            }
        }
        List<PostmortemContent.Decision> ds = new ArrayList<>();
        for (DecisionRow d : rows(decisions)) {
            if (!blank(d.decision())) {
                ds.add(new PostmortemContent.Decision(d.decision(), d.whyItMadeSense(), null));
            }
        }
        List<PostmortemContent.Link> ls = new ArrayList<>();
        for (LinkRow l : rows(links)) {
            if (!blank(l.url())) {
                String kind = blank(l.kind()) ? "OTHER" : l.kind();
                ls.add(new PostmortemContent.Link(
                        Enums.parse(LinkKind.class, kind, "links[" + ls.size() + "].kind"),
                        blank(l.title()) ? l.url() : l.title(),
                        l.url()));
            }
        }
        return new PostmortemContent(
                title,
                severity,
                "true".equals(scheduled),
                facilitator,
                owner,
                summary,
                customerImpact,
                wentWell,
                wasHard,
                gotLucky,
                detection,
                csv(participants),
                csv(tags),
                services == null
                        ? List.of()
                        : services.stream().filter(s -> !blank(s)).toList(),
                fs,
                ds,
                ls);
    }

    private static <T> List<T> rows(List<T> rows) {
        return rows == null ? List.of() : rows.stream().filter(Objects::nonNull).toList();
    }

    private static List<String> csv(String s) {
        if (s == null || s.isBlank()) {
            return List.of();
        }
        return Arrays.stream(s.split("[,\\s]+"))
                .map(String::trim)
                .filter(x -> !x.isEmpty())
                .toList();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
