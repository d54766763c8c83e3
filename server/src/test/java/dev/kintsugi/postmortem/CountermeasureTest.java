package dev.kintsugi.postmortem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kintsugi.platform.InvalidInputException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The countermeasure aggregate on its own: its invariants and every status move. */
class CountermeasureTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant LATER = NOW.plusSeconds(3600);
    private static final PostmortemRefs REFS = new PostmortemRefs(7, 42L, List.of(1L), List.of(9L));
    private static final TryHarderCheck TRY_HARDER =
            title -> title.toLowerCase().contains("be more careful") ? Optional.of("try harder") : Optional.empty();
    private static final String REASON = "The service is retired next month";

    private static CountermeasureDraft draft(String title) {
        return new CountermeasureDraft(
                title,
                null,
                CountermeasureKind.TELEMETRY_OR_ALERT,
                "ada",
                null,
                LocalDate.of(2026, 3, 15),
                CountermeasurePriority.P2,
                null,
                null,
                null);
    }

    private static Countermeasure in(CountermeasureStatus status) {
        return new Countermeasure(
                11,
                7,
                draft("Alert on pool saturation"),
                status,
                status == CountermeasureStatus.WONT_DO ? REASON : null,
                status == CountermeasureStatus.DONE ? NOW : null,
                null,
                REFS,
                2);
    }

    @Test
    void aNewCountermeasureIsOpenAndAnnouncedWithItsRefs() {
        var c = Countermeasure.created(11, 7, draft("Alert on pool saturation"), REFS.withTeam(4L), "ada", NOW);
        assertThat(c.status()).isEqualTo(CountermeasureStatus.OPEN);
        assertThat(c.pendingEvents()).singleElement().isInstanceOfSatisfying(CountermeasureCreated.class, e -> {
            assertThat(e.countermeasureId()).isEqualTo(11);
            assertThat(e.refs().teamIds()).containsExactly(4L, 9L);
            assertThat(e.details().title()).isEqualTo("Alert on pool saturation");
        });
    }

    @Test
    void invariantsRefuseTryHarderNoOwnerNoDueDateAndExperimentsOutsideRehearsals() {
        assertRefused(draft("Be more careful with deploys"), "title");
        assertRefused(draft(" "), "title");
        var d = draft("Alert on pool saturation");
        assertRefused(
                new CountermeasureDraft(
                        d.title(), null, null, "ada", null, d.dueDate(), d.priority(), null, null, null),
                "kind");
        assertRefused(
                new CountermeasureDraft(
                        d.title(), null, d.kind(), null, null, d.dueDate(), d.priority(), null, null, null),
                "ownerUser");
        assertRefused(
                new CountermeasureDraft(d.title(), null, d.kind(), "ada", null, null, d.priority(), null, null, null),
                "dueDate");
        assertRefused(
                new CountermeasureDraft(
                        d.title(), null, d.kind(), "ada", null, d.dueDate(), d.priority(), null, null, "pool-drain"),
                "experiment");
        var rehearsal = new CountermeasureDraft(
                "Rehearse the pool drain",
                null,
                CountermeasureKind.REHEARSAL,
                null,
                "payments",
                d.dueDate(),
                d.priority(),
                null,
                null,
                "pool-drain");
        assertThat(Countermeasure.propose(rehearsal, TRY_HARDER)).isEqualTo(rehearsal);
    }

    private static void assertRefused(CountermeasureDraft d, String field) {
        assertThatThrownBy(() -> Countermeasure.propose(d, TRY_HARDER))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
        var existing = in(CountermeasureStatus.OPEN);
        assertThatThrownBy(() -> existing.edit(d, TRY_HARDER, "ada", NOW))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
        assertThat(existing.details().title()).isEqualTo("Alert on pool saturation");
        assertThat(existing.pendingEvents()).isEmpty();
    }

    @Test
    void editingNamesTheChangedFieldsAndAnUnchangedDraftChangesNothing() {
        var c = in(CountermeasureStatus.OPEN);
        c.edit(draft("Alert on pool saturation"), TRY_HARDER, "ada", NOW);
        assertThat(c.pendingEvents()).isEmpty();
        c.edit(draft("Alert on pool saturation above 80 %"), TRY_HARDER, "ada", NOW);
        assertThat(c.pendingEvents())
                .singleElement()
                .isInstanceOfSatisfying(
                        CountermeasureUpdated.class,
                        e -> assertThat(e.changedFields()).containsExactly("title"));
    }

    /** Every status can be reached from every other; WONT_DO with a reason, DONE records when. */
    @ParameterizedTest
    @EnumSource(CountermeasureStatus.class)
    void everyMoveFromEveryStatus(CountermeasureStatus from) {
        for (CountermeasureStatus to : CountermeasureStatus.values()) {
            var c = in(from);
            c.moveTo(to, to == CountermeasureStatus.WONT_DO ? REASON : "ignored unless WONT_DO", "ada", LATER);
            assertThat(c.status()).isEqualTo(to);
            assertThat(c.wontDoReason()).isEqualTo(to == CountermeasureStatus.WONT_DO ? REASON : null);
            if (to == CountermeasureStatus.DONE) {
                assertThat(c.doneAt()).isEqualTo(from == CountermeasureStatus.DONE ? NOW : LATER);
            } else {
                assertThat(c.doneAt()).isNull();
            }
            if (from == to) {
                assertThat(c.pendingEvents()).as(from + " → " + to).isEmpty();
            } else {
                assertThat(c.pendingEvents())
                        .singleElement()
                        .isInstanceOfSatisfying(CountermeasureStatusChanged.class, e -> {
                            assertThat(e.from()).isEqualTo(from);
                            assertThat(e.to()).isEqualTo(to);
                        });
            }
        }
    }

    @ParameterizedTest
    @EnumSource(CountermeasureStatus.class)
    void wontDoWithoutAGoodReasonAndNoTargetAreRefusedFromEveryStatus(CountermeasureStatus from) {
        for (String reason : new String[] {null, "", "nah", "x".repeat(2001)}) {
            var c = in(from);
            assertThatThrownBy(() -> c.moveTo(CountermeasureStatus.WONT_DO, reason, "ada", NOW))
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            e -> assertThat(e.field()).isEqualTo("reason"));
            assertThat(c.status()).isEqualTo(from);
            assertThat(c.pendingEvents()).isEmpty();
        }
        var c = in(from);
        assertThatThrownBy(() -> c.moveTo(null, null, "ada", NOW))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("status"));
    }

    @Test
    void aNewReasonForWontDoIsAChange() {
        var c = in(CountermeasureStatus.WONT_DO);
        c.moveTo(CountermeasureStatus.WONT_DO, "Covered by the new gateway's own suite", "ada", NOW);
        assertThat(c.wontDoReason()).isEqualTo("Covered by the new gateway's own suite");
        assertThat(c.pendingEvents()).hasSize(1);
    }

    @Test
    void verifyingRecordsWhen() {
        var c = in(CountermeasureStatus.DONE);
        c.verify(LATER);
        assertThat(c.verifiedAt()).isEqualTo(LATER);
        assertThat(c.pendingEvents()).singleElement().isInstanceOf(CountermeasureVerified.class);
        assertThatThrownBy(() -> in(CountermeasureStatus.DONE).verify(null)).isInstanceOf(InvalidInputException.class);
    }
}
