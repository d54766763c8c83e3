package dev.kintsugi.postmortem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kintsugi.incident.Severity;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.Role;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.security.access.AccessDeniedException;

/**
 * {@link PostmortemManagement#readAll}: pages of whole post-mortems for index builders, ordered by id, each the
 * same as read one at a time (content, incident, own timeline, countermeasures), private ones included.
 */
class PostmortemBulkReadsTest extends PostmortemFixtures {

    @Test
    void pagesAreOrderedByIdAndEachPostmortemIsWhole() {
        String author = responder();
        String team = team(author);
        String svc = service(team);
        Postmortem published =
                publish(author, draft(author, Severity.SEV2, false, List.of(svc)), "Pool", List.of("db"));
        Postmortem secret = draft(author, Severity.SEV1, true, List.of(svc));
        Postmortem third = draft(author);
        as(author, Role.RESPONDER, () -> {
            timeline.addEntry(
                    third.id(), Instant.parse("2026-03-01T10:00:00Z"), author, null, EntrySource.MANUAL, "Paged");
            countermeasures.create(
                    third.id(),
                    new CountermeasureDraft(
                            "Raise the pool",
                            "To 50",
                            CountermeasureKind.DESIGN_CHANGE,
                            author,
                            null,
                            LocalDate.parse("2026-04-01"),
                            null,
                            null,
                            null,
                            null));
            countermeasures.create(
                    third.id(),
                    new CountermeasureDraft(
                            "Alert on waits",
                            null,
                            CountermeasureKind.TELEMETRY_OR_ALERT,
                            null,
                            team,
                            LocalDate.parse("2026-05-01"),
                            null,
                            null,
                            null,
                            null));
            return null;
        });
        List<Long> mine = List.of(published.id(), secret.id(), third.id());
        long after = published.id() - 1;

        // pages of 2 from just before the first: the same sequence as one page of 1000, strictly by id
        List<PostmortemRecord> whole =
                Actor.runAsSystem("test", () -> tx.execute(s -> postmortems.readAll(after, 1000)));
        List<PostmortemRecord> paged = new ArrayList<>();
        long cursor = after;
        while (true) {
            long from = cursor;
            List<PostmortemRecord> page =
                    Actor.runAsSystem("test", () -> tx.execute(s -> postmortems.readAll(from, 2)));
            assertThat(page).hasSizeLessThanOrEqualTo(2);
            if (page.isEmpty()) {
                break;
            }
            paged.addAll(page);
            cursor = page.getLast().postmortem().id();
        }
        List<Long> ids = whole.stream().map(r -> r.postmortem().id()).toList();
        assertThat(ids).isSorted().doesNotHaveDuplicates().containsAll(mine);
        assertThat(ids.getFirst()).isGreaterThan(after);
        // post-mortems made meanwhile by other tests can only come after: compare what both saw
        assertThat(paged.subList(0, whole.size()).stream()
                        .map(r -> r.postmortem().id())
                        .toList())
                .isEqualTo(ids);

        Map<Long, PostmortemRecord> byId =
                whole.stream().collect(Collectors.toMap(r -> r.postmortem().id(), Function.identity()));
        for (long id : mine) {
            PostmortemRecord r = byId.get(id);
            Actor.runAsSystem(
                    "test",
                    () -> tx.execute(s -> {
                        Postmortem one = postmortems.get(id);
                        assertThat(r.postmortem()).isEqualTo(one);
                        assertThat(r.incident()).isEqualTo(incidents.get(one.incidentId()));
                        assertThat(r.timeline()).isEqualTo(timeline.timeline(id));
                        assertThat(r.countermeasures()).containsExactlyInAnyOrderElementsOf(countermeasures.of(id));
                        return null;
                    }));
        }
        PostmortemRecord p = byId.get(published.id());
        assertThat(p.postmortem().content().factors()).hasSize(1);
        assertThat(p.postmortem().content().decisions()).hasSize(1);
        assertThat(p.postmortem().content().wentWell()).isEqualTo("The failover worked");
        assertThat(p.postmortem().content().tags()).containsExactly("db");
        assertThat(p.postmortem().content().services()).containsExactly(svc);
        assertThat(p.timeline()).isNotEmpty();
        assertThat(byId.get(secret.id()).incident().privateIncident()).isTrue();
        assertThat(byId.get(third.id()).countermeasures())
                .extracting(CountermeasureView::title)
                .containsExactly("Raise the pool", "Alert on waits");
        assertThat(byId.get(third.id()).timeline())
                .extracting(TimelineItem::body)
                .contains("Paged");
    }

    @Test
    void onlyTheSystemReadsInBulkAndPagesAreBounded() {
        String admin = responder();
        assertThatThrownBy(() -> as(admin, Role.ADMIN, () -> postmortems.readAll(0, 10)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> Actor.runAsSystem("test", () -> tx.execute(s -> postmortems.readAll(0, 0))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Actor.runAsSystem("test", () -> tx.execute(s -> postmortems.readAll(0, 1001))))
                .isInstanceOf(IllegalArgumentException.class);
        List<PostmortemRecord> none =
                Actor.runAsSystem("test", () -> tx.execute(s -> postmortems.readAll(Long.MAX_VALUE - 1, 10)));
        assertThat(none).isEmpty();
    }
}
