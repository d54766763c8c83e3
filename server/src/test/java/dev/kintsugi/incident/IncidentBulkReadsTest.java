package dev.kintsugi.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.ServiceDraft;
import dev.kintsugi.catalog.TeamDraft;
import dev.kintsugi.catalog.Tier;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.Role;
import dev.kintsugi.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/**
 * {@link IncidentManagement#readAll}, {@link IncidentManagement#readByIds} and {@link IncidentManagement#timelines}:
 * pages of whole incidents for index builders, ordered by id, each the same as read one at a time.
 */
class IncidentBulkReadsTest extends IntegrationTest {
    @Autowired
    IncidentManagement incidents;

    @Autowired
    CatalogManagement catalog;

    private <T> T system(java.util.function.Supplier<T> work) {
        return Actor.runAsSystem("test", () -> tx.execute(s -> work.get()));
    }

    @Test
    void pagesAreOrderedByIdAndEachIncidentIsWhole() {
        String owner = createUser(unique("owner"), Role.RESPONDER, "password-owner-1");
        String team = unique("team");
        String a = unique("svc");
        String b = unique("svc");
        Actor.runAs(
                "admin",
                Role.ADMIN,
                () -> tx.execute(s -> {
                    catalog.createTeam(new TeamDraft(team, "Team", null, null, List.of(owner)));
                    catalog.createService(new ServiceDraft(a, "A", null, Tier.TIER_2, team, null, null, null));
                    catalog.createService(new ServiceDraft(b, "B", null, Tier.TIER_2, team, null, null, null));
                    return null;
                }));
        List<IncidentView> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            boolean secret = i == 2;
            List<String> services = i % 2 == 0 ? List.of(a, b) : List.of(b);
            int n = i;
            made.add(Actor.runAs(
                    owner,
                    Role.RESPONDER,
                    () -> tx.execute(s -> {
                        IncidentView v = incidents.declare(new DeclareIncident(
                                unique("Bulk " + n),
                                "Text " + n,
                                Severity.SEV3,
                                services,
                                null,
                                null,
                                secret,
                                owner,
                                null));
                        incidents.addNote(
                                v.key(),
                                new NewNote(TimelineEntryKind.NOTE, "note " + n, null, null, Visibility.INTERNAL));
                        return incidents.get(v.key());
                    })));
        }
        long after = made.getFirst().id() - 1;

        List<IncidentView> whole = system(() -> incidents.readAll(after, 1000));
        List<IncidentView> paged = new ArrayList<>();
        long cursor = after;
        while (true) {
            long from = cursor;
            List<IncidentView> page = system(() -> incidents.readAll(from, 2));
            assertThat(page).hasSizeLessThanOrEqualTo(2);
            if (page.isEmpty()) {
                break;
            }
            paged.addAll(page);
            cursor = page.getLast().id();
        }
        List<Long> ids = whole.stream().map(IncidentView::id).toList();
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        assertThat(ids.getFirst()).isGreaterThan(after);
        // incidents declared meanwhile by other tests can only come after: compare what both saw
        assertThat(paged.subList(0, whole.size())).isEqualTo(whole);

        List<Long> mine = made.stream().map(IncidentView::id).toList();
        for (IncidentView one : made) {
            IncidentView bulk =
                    whole.stream().filter(v -> v.id() == one.id()).findFirst().orElseThrow();
            // the private one too: the system reads everything, the caller applies privacy
            assertThat(bulk).isEqualTo(system(() -> incidents.get(one.id())));
        }
        assertThat(system(() -> incidents.readByIds(List.of(mine.get(3), mine.get(1), -5L, mine.get(1)))))
                .extracting(IncidentView::id)
                .containsExactly(mine.get(1), mine.get(3));
        assertThat(whole.stream()
                        .filter(v -> v.id() == mine.get(2))
                        .findFirst()
                        .orElseThrow()
                        .privateIncident())
                .isTrue();
        assertThat(whole.stream()
                        .filter(v -> v.id() == mine.getFirst())
                        .findFirst()
                        .orElseThrow()
                        .services())
                .extracting(IncidentView.ServiceRef::name)
                .containsExactlyInAnyOrder(a, b);

        Map<Long, List<TimelineEntry>> timelines =
                system(() -> incidents.timelines(List.of(mine.get(0), mine.get(4), -7L)));
        assertThat(timelines.get(mine.get(0)))
                .isEqualTo(system(() -> incidents.timeline(made.get(0).key())));
        assertThat(timelines.get(mine.get(4)))
                .isEqualTo(system(() -> incidents.timeline(made.get(4).key())));
        assertThat(timelines.get(mine.get(4))).extracting(TimelineEntry::body).contains("note 4");
        assertThat(timelines.get(-7L)).isEmpty();
    }

    @Test
    void onlyTheSystemReadsInBulkAndPagesAreBounded() {
        String admin = createUser(unique("adm"), Role.ADMIN, "password-admin-1");
        assertThatThrownBy(() -> Actor.runAs(admin, Role.ADMIN, () -> tx.execute(s -> incidents.readAll(0, 10))))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() ->
                        Actor.runAs(admin, Role.ADMIN, () -> tx.execute(s -> incidents.timelines(List.of(1L)))))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> system(() -> incidents.readAll(0, 0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> system(() -> incidents.readAll(0, 1001))).isInstanceOf(IllegalArgumentException.class);
        assertThat(system(() -> incidents.readAll(Long.MAX_VALUE - 1, 10))).isEmpty();
        assertThat(system(() -> incidents.readByIds(List.of()))).isEmpty();
    }
}
