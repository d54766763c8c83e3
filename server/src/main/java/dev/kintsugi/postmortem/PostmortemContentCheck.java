package dev.kintsugi.postmortem;

import static dev.kintsugi.postmortem.PostmortemInput.MAX_TEXT;
import static dev.kintsugi.postmortem.PostmortemInput.blank;
import static dev.kintsugi.postmortem.PostmortemInput.optional;
import static dev.kintsugi.postmortem.PostmortemInput.required;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.UserManagement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Checks and normalises content at the boundary: people are existing users, services exist in the catalog,
 * tags are slugs, texts fit, links are http(s). Answers the content as it will be stored.
 */
@Component
class PostmortemContentCheck {
    private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private final UserManagement users;
    private final CatalogManagement catalog;

    PostmortemContentCheck(UserManagement users, CatalogManagement catalog) {
        this.users = users;
        this.catalog = catalog;
    }

    PostmortemContent check(PostmortemContent c) {
        List<String> participants = new ArrayList<>();
        for (String p : c.participants()) {
            participants.add(user(p, "participants"));
        }
        List<String> tags = new ArrayList<>();
        for (String t : c.tags()) {
            String tag = t == null ? "" : t.trim().toLowerCase(Locale.ROOT);
            if (!TAG.matcher(tag).matches()) {
                throw new InvalidInputException(
                        "tags",
                        "postmortem.validation.tag",
                        "'" + t + "' is not a tag (letters, digits, '.', '_', '-')",
                        t);
            }
            if (!tags.contains(tag)) {
                tags.add(tag);
            }
        }
        for (String s : c.services()) {
            if (catalog.findService(s).isEmpty()) {
                throw new InvalidInputException("services", "validation.noService", "no service named '" + s + "'", s);
            }
        }
        for (int i = 0; i < c.factors().size(); i++) {
            var f = c.factors().get(i);
            if (f.category() == null) {
                throw dev.kintsugi.platform.Enums.mustBeOneOf("factors[" + i + "].category", FactorCategory.values());
            }
            required(f.description(), "factors[" + i + "].description", MAX_TEXT);
        }
        for (int i = 0; i < c.decisions().size(); i++) {
            required(c.decisions().get(i).decision(), "decisions[" + i + "].decision", MAX_TEXT);
            optional(c.decisions().get(i).whyItMadeSense(), "decisions[" + i + "].whyItMadeSense", MAX_TEXT);
        }
        for (int i = 0; i < c.links().size(); i++) {
            var l = c.links().get(i);
            if (l.kind() == null) {
                throw dev.kintsugi.platform.Enums.mustBeOneOf("links[" + i + "].kind", LinkKind.values());
            }
            required(l.title(), "links[" + i + "].title", 200);
            PostmortemInput.url(l.url(), "links[" + i + "].url", 1000);
        }
        return new PostmortemContent(
                title(c.title()),
                severity(c.severity()),
                c.scheduled(),
                blank(c.facilitator()) ? null : user(c.facilitator(), "facilitator"),
                blank(c.owner()) ? null : user(c.owner(), "owner"),
                optional(c.summary(), "summary", MAX_TEXT),
                optional(c.customerImpact(), "customerImpact", MAX_TEXT),
                optional(c.wentWell(), "wentWell", MAX_TEXT),
                optional(c.wasHard(), "wasHard", MAX_TEXT),
                optional(c.gotLucky(), "gotLucky", MAX_TEXT),
                optional(c.detection(), "detection", MAX_TEXT),
                participants,
                tags,
                c.services().stream()
                        .map(s -> s.trim().toLowerCase(Locale.ROOT))
                        .distinct()
                        .toList(),
                c.factors(),
                c.decisions(),
                c.links());
    }

    String user(String username, String field) {
        String u = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        if (!users.exists(u)) {
            throw new InvalidInputException(
                    field, "validation.unknownUser", "no user named '" + username + "'", username);
        }
        return u;
    }

    static String title(String title) {
        return required(title, "title", 200);
    }

    static String severity(String severity) {
        if (blank(severity)) {
            return null;
        }
        String s = severity.trim().toUpperCase(Locale.ROOT);
        if (!s.matches("SEV[1-5]")) {
            throw new InvalidInputException(
                    "severity",
                    "validation.oneOf",
                    "must be one of SEV1, SEV2, SEV3, SEV4, SEV5",
                    "SEV1, SEV2, SEV3, SEV4, SEV5");
        }
        return s;
    }
}
