package dev.kintsugi.statuspage.web;

import dev.kintsugi.platform.Feeds;
import dev.kintsugi.statuspage.Maintenance;
import dev.kintsugi.statuspage.PublicUpdate;
import dev.kintsugi.statuspage.StatusPageProperties;
import dev.kintsugi.statuspage.StatusSnapshot;
import dev.kintsugi.statuspage.StatusSnapshot.IncidentCard;
import dev.kintsugi.statuspage.UpdateTexts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;

/**
 * The status page's Atom and RSS feeds (the whole page's, or an audience's): one entry per public update and per
 * maintenance notice, newest first.
 */
final class StatusFeeds {
    static final int LIMIT = 50;

    private StatusFeeds() {}

    static Feeds.Feed feed(
            StatusSnapshot s,
            StatusPageProperties brand,
            UpdateTexts texts,
            MessageSource messages,
            Locale lang,
            String page,
            String audienceKey,
            boolean atom) {
        List<Feeds.Entry> entries = new ArrayList<>();
        List<IncidentCard> incidents = new ArrayList<>(s.active());
        incidents.addAll(s.past());
        for (IncidentCard i : incidents) {
            for (PublicUpdate u : i.updates()) {
                String status =
                        messages.getMessage("statuspage.update." + u.status().name(), null, lang);
                entries.add(new Feeds.Entry(
                        "tag:kintsugi,2026:status-update-" + u.id(),
                        i.title() + " — " + status,
                        page + "#incident-" + i.id(),
                        u.publishedAt(),
                        u.publishedAt(),
                        i.components(),
                        texts.body(u, i),
                        null));
            }
        }
        for (Maintenance m : s.maintenance()) {
            String label = messages.getMessage("statuspage.maintenance.feedTitle", new Object[] {m.title()}, lang);
            entries.add(new Feeds.Entry(
                    "tag:kintsugi,2026:status-maintenance-" + m.id(),
                    label,
                    page + "#maintenance-" + m.id(),
                    m.startsAt(),
                    m.startsAt(),
                    List.of(),
                    (m.body() == null ? "" : m.body() + " ") + m.startsAt() + " – " + m.endsAt(),
                    null));
        }
        entries.sort(Comparator.comparing(Feeds.Entry::updated).reversed());
        List<Feeds.Entry> latest = entries.subList(0, Math.min(LIMIT, entries.size()));
        Instant updated = latest.isEmpty() ? Instant.EPOCH : latest.getFirst().updated();
        return new Feeds.Feed(
                "tag:kintsugi,2026:status" + (audienceKey.isEmpty() ? "" : "-" + audienceKey),
                messages.getMessage("statuspage.feed.title", new Object[] {brand.name()}, lang),
                messages.getMessage("statuspage.feed.subtitle", new Object[] {brand.name()}, lang),
                page + (atom ? "/feed.atom" : "/feed.rss"),
                page,
                brand.name(),
                updated,
                latest);
    }
}
