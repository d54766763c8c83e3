package dev.kintsugi.postmortem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kintsugi.incident.DeclareIncident;
import dev.kintsugi.incident.IncidentRole;
import dev.kintsugi.incident.IncidentStatus;
import dev.kintsugi.incident.NewNote;
import dev.kintsugi.incident.Severity;
import dev.kintsugi.incident.TimelineEntryKind;
import dev.kintsugi.incident.Transition;
import dev.kintsugi.incident.Visibility;
import dev.kintsugi.platform.Role;
import dev.kintsugi.support.VersionedApi;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The draft of a resolved incident carries its whole story: every timeline entry comes over with its author and
 * perspective, pinned ones and milestones kept, the rest dropped but there to keep; readers and exports see the
 * kept ones only.
 */
class PostmortemDraftTimelineTest extends PostmortemFixtures {

    @Test
    void everyIncidentEntryComesOverPinnedAndMilestonesKeptTheRestDroppedToCurate() {
        String commander = responder();
        String scribe = responder();
        String key = as(
                commander,
                Role.RESPONDER,
                () -> incidents
                        .declare(new DeclareIncident(
                                unique("Queue backs up"),
                                "Orders pile up",
                                Severity.SEV2,
                                List.of(),
                                null,
                                null,
                                false,
                                commander,
                                null))
                        .key());
        as(scribe, Role.RESPONDER, () -> {
            var pinned = incidents.addNote(
                    key, new NewNote(TimelineEntryKind.NOTE, "Consumers were paused by a deploy", null, "ops", null));
            incidents.pin(key, pinned.id(), true);
            incidents.addNote(
                    key, new NewNote(TimelineEntryKind.NOTE, "Looked at the broker graphs first", null, "db", null));
            incidents.addNote(
                    key,
                    new NewNote(
                            TimelineEntryKind.STATUS_UPDATE,
                            "Orders are delayed, none lost",
                            null,
                            null,
                            Visibility.PUBLIC));
            return null;
        });
        as(commander, Role.RESPONDER, () -> {
            incidents.assign(key, IncidentRole.SCRIBE, scribe);
            incidents.transition(key, Transition.to(IncidentStatus.RESOLVED));
            return null;
        });
        long incidentId = as(commander, Role.RESPONDER, () -> incidents.get(key).id());
        Postmortem draft = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> as(commander, Role.RESPONDER, () -> postmortems.findForIncident(incidentId))
                                .orElse(null),
                        p -> p != null);
        List<TimelineItem> entries = as(commander, Role.RESPONDER, () -> timeline.timeline(draft.id()));
        // every incident entry is there, as its author told it
        var incidentEntries = as(commander, Role.RESPONDER, () -> incidents.timeline(key));
        assertThat(incidentEntries).hasSizeGreaterThanOrEqualTo(5);
        for (var e : incidentEntries) {
            assertThat(entries)
                    .as(e.body())
                    .anyMatch(i -> i.body().equals(e.body())
                            && i.author().equals(e.author())
                            && e.kind().name().equals(i.incidentKind()));
        }
        TimelineItem pinned = byBody(entries, "Consumers were paused by a deploy");
        TimelineItem unpinned = byBody(entries, "Looked at the broker graphs first");
        TimelineItem update = byBody(entries, "Orders are delayed, none lost");
        assertThat(pinned.kept()).isTrue();
        assertThat(pinned.author()).isEqualTo(scribe);
        assertThat(pinned.perspective()).isEqualTo("ops");
        assertThat(pinned.incidentKind()).isEqualTo("NOTE");
        assertThat(unpinned.kept()).isFalse();
        assertThat(unpinned.author()).isEqualTo(scribe);
        assertThat(unpinned.perspective()).isEqualTo("db");
        assertThat(update.kept()).isFalse();
        assertThat(update.incidentKind()).isEqualTo("STATUS_UPDATE");
        assertThat(entries).anyMatch(e -> "ROLE_CHANGE".equals(e.incidentKind()) && !e.kept());
        assertThat(entries)
                .filteredOn(e -> "MILESTONE".equals(e.incidentKind()))
                .isNotEmpty()
                .allMatch(TimelineItem::kept);
        assertThat(entries).filteredOn(e -> e.source() == EntrySource.INCIDENT).hasSameSizeAs(entries);

        // the facilitator keeps the unpinned note through the API, honouring If-Match
        String token = tx.execute(s -> tokens.create(commander, "test", null).value());
        var http = new VersionedApi(baseUrl(), token);
        String path = "/api/v1/postmortems/" + draft.id() + "/timeline/" + unpinned.id();
        var read = http.send("GET", path, null, null);
        var kept = http.send("PUT", path + "/kept", Map.of("kept", true), read.etag());
        assertThat(kept.status()).as(kept.body()).isEqualTo(200);
        assertThat(kept.json().get("kept").asBoolean()).isTrue();
        var stale = http.send("PUT", path + "/kept", Map.of("kept", false), read.etag());
        assertThat(stale.status()).as(stale.body()).isEqualTo(412);
        var dropUpdate = http.send(
                "PUT",
                "/api/v1/postmortems/" + draft.id() + "/timeline/" + pinned.id() + "/kept",
                Map.of("kept", false),
                null);
        assertThat(dropUpdate.status()).as(dropUpdate.body()).isEqualTo(200);

        // the curated story: the API filter and the export show kept entries only
        var keptOnly = http.send("GET", "/api/v1/postmortems/" + draft.id() + "/timeline?kept=true", null, null);
        assertThat(keptOnly.body())
                .contains("Looked at the broker graphs first")
                .doesNotContain("Consumers were paused by a deploy")
                .doesNotContain("Orders are delayed, none lost");
        var export = http.send("GET", "/api/v1/postmortems/" + draft.id() + "/export.md", null, null);
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.body())
                .contains("Looked at the broker graphs first")
                .doesNotContain("Consumers were paused by a deploy")
                .doesNotContain("Orders are delayed, none lost");
    }

    private static TimelineItem byBody(List<TimelineItem> entries, String body) {
        return entries.stream()
                .filter(e -> e.body().contains(body))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no entry '" + body + "' in " + entries));
    }
}
