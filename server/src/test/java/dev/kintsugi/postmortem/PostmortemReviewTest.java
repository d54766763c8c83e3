package dev.kintsugi.postmortem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.InvalidInputException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The post-mortem aggregate on its own: every legal and illegal move, the blameless gate, who publishes. */
class PostmortemReviewTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final PostmortemReview.Approvals APPROVED = new PostmortemReview.Approvals(1, 1);
    private static final PostmortemRefs REFS = new PostmortemRefs(7, 42L, List.of(3L, 1L, 3L), List.of(9L));
    private static final FieldFinding FINDING = new FieldFinding(
            "summary",
            0,
            11,
            "should have",
            dev.kintsugi.postmortem.language.Finding.Category.COUNTERFACTUAL,
            "",
            "Why?");

    private static PostmortemContent content(String facilitator, String owner, String summary) {
        return new PostmortemContent(
                "Checkout fails",
                "SEV2",
                false,
                facilitator,
                owner,
                summary,
                blank(summary) ? null : "Customers could not pay for 20 minutes",
                null,
                null,
                null,
                null,
                List.of("ada"),
                List.of(),
                List.of(),
                blank(summary)
                        ? List.of()
                        : List.of(new PostmortemContent.Factor(FactorCategory.TECHNICAL, "The pool was too small")),
                List.of(),
                List.of());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static PostmortemReview in(PostmortemStatus status) {
        return new PostmortemReview(
                7,
                42L,
                Origin.INCIDENT,
                status,
                content("ada", "bob", "The pool ran dry"),
                3,
                null,
                null,
                NOW,
                REFS,
                5);
    }

    @Test
    void aDraftStartsAtRevisionOneAndAnnouncesItself() {
        var pm = PostmortemReview.draft(7, 42L, Origin.INCIDENT, content("ada", "ada", null), REFS, 0, "ada", NOW);
        assertThat(pm.status()).isEqualTo(PostmortemStatus.DRAFT);
        assertThat(pm.revision()).isEqualTo(1);
        assertThat(pm.contentChanged()).isTrue();
        assertThat(pm.pendingEvents()).singleElement().isInstanceOfSatisfying(PostmortemDrafted.class, e -> {
            assertThat(e.refs().serviceIds()).containsExactly(1L, 3L);
            assertThat(e.refs().incidentId()).isEqualTo(42L);
            assertThat(e.content().title()).isEqualTo("Checkout fails");
        });
    }

    @Test
    void legalMovesDraftToReviewToPublishedAndBackToDraft() {
        var pm = in(PostmortemStatus.DRAFT);
        pm.submitForReview(List.of(), null, "ada", false, NOW);
        assertThat(pm.status()).isEqualTo(PostmortemStatus.IN_REVIEW);
        pm.sendBackToDraft("ada", NOW);
        assertThat(pm.status()).isEqualTo(PostmortemStatus.DRAFT);
        pm.submitForReview(List.of(), null, "ada", false, NOW);
        pm.publish("ada", false, 1, null, APPROVED, NOW);
        assertThat(pm.status()).isEqualTo(PostmortemStatus.PUBLISHED);
        assertThat(pm.publishedRevision()).isEqualTo(3);
        assertThat(pm.publishedAt()).isEqualTo(NOW);
        assertThat(pm.pendingEvents())
                .extracting(e -> e.getClass().getSimpleName())
                .containsExactly(
                        "PostmortemSubmittedForReview",
                        "PostmortemSentBackToDraft",
                        "PostmortemSubmittedForReview",
                        "PostmortemPublished");
        assertThat(pm.contentChanged()).isFalse();
    }

    @Test
    void illegalMovesAreRefusedWithWhatIsAllowedAndChangeNothing() {
        assertIllegal(
                in(PostmortemStatus.DRAFT),
                pm -> pm.publish("ada", true, 1, null, APPROVED, NOW),
                "DRAFT to PUBLISHED");
        assertIllegal(in(PostmortemStatus.DRAFT), pm -> pm.sendBackToDraft("ada", NOW), "already DRAFT");
        assertIllegal(
                in(PostmortemStatus.IN_REVIEW),
                pm -> pm.submitForReview(List.of(), null, "ada", true, NOW),
                "already IN_REVIEW");
        assertIllegal(
                in(PostmortemStatus.PUBLISHED),
                pm -> pm.submitForReview(List.of(), null, "ada", true, NOW),
                "PUBLISHED to IN_REVIEW");
        assertIllegal(
                in(PostmortemStatus.PUBLISHED),
                pm -> pm.publish("ada", true, 1, null, APPROVED, NOW),
                "already PUBLISHED");
    }

    private static void assertIllegal(
            PostmortemReview pm, java.util.function.Consumer<PostmortemReview> move, String message) {
        PostmortemStatus before = pm.status();
        assertThatThrownBy(() -> move.accept(pm))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((ConflictException) e).properties())
                        .containsEntry("currentStatus", before.name())
                        .containsKey("allowedNext"));
        assertThat(pm.status()).isEqualTo(before);
        assertThat(pm.pendingEvents()).isEmpty();
    }

    @Test
    void openLanguageFindingsBlockReviewUnlessTheFacilitatorOverridesWithAReason() {
        var pm = in(PostmortemStatus.DRAFT);
        assertThatThrownBy(() -> pm.submitForReview(List.of(FINDING), null, "ada", false, NOW))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("1 language finding(s) are still open");
        assertThatThrownBy(() -> pm.submitForReview(List.of(FINDING), "too short", "ada", false, NOW))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("overrideReason"));
        assertThatThrownBy(
                        () -> pm.submitForReview(List.of(FINDING), "Quoting the customer verbatim", "bob", false, NOW))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("Only the facilitator (ada)");
        assertThat(pm.status()).isEqualTo(PostmortemStatus.DRAFT);
        assertThat(pm.pendingEvents()).isEmpty();

        pm.submitForReview(List.of(FINDING), "  Quoting the customer verbatim ", "ada", false, NOW);
        assertThat(pm.status()).isEqualTo(PostmortemStatus.IN_REVIEW);
        assertThat(pm.overrideReason()).isEqualTo("Quoting the customer verbatim");
        assertThat(pm.pendingEvents()).singleElement().isInstanceOfSatisfying(PostmortemSubmittedForReview.class, e -> {
            assertThat(e.openFindings()).isEqualTo(1);
            assertThat(e.overrideReason()).isEqualTo("Quoting the customer verbatim");
        });
    }

    @Test
    void anAdminMayOverrideToo() {
        var pm = in(PostmortemStatus.DRAFT);
        pm.submitForReview(List.of(FINDING), "Quoting the customer verbatim", "root", true, NOW);
        assertThat(pm.status()).isEqualTo(PostmortemStatus.IN_REVIEW);
    }

    @Test
    void onlyTheFacilitatorTheOwnerOrAnAdminPublishAndOnlyWithASummary() {
        var byStranger = in(PostmortemStatus.IN_REVIEW);
        assertThatThrownBy(() -> byStranger.publish("eve", false, 1, null, APPROVED, NOW))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("Only the facilitator or the owner");
        in(PostmortemStatus.IN_REVIEW).publish("ada", false, 1, null, APPROVED, NOW);
        in(PostmortemStatus.IN_REVIEW).publish("bob", false, 1, null, APPROVED, NOW);
        in(PostmortemStatus.IN_REVIEW).publish("root", true, 1, null, APPROVED, NOW);

        var empty = new PostmortemReview(
                7,
                null,
                Origin.NEAR_MISS,
                PostmortemStatus.IN_REVIEW,
                content("ada", null, " "),
                1,
                null,
                null,
                NOW,
                REFS,
                1);
        assertThatThrownBy(() -> empty.publish("ada", false, 0, null, APPROVED, NOW))
                .isInstanceOfSatisfying(NotPublishable.class, e -> {
                    assertThat(e.field()).isEqualTo("summary");
                    assertThat(e.missing())
                            .extracting(NotPublishable.Missing::field)
                            .containsExactly("summary", "customerImpact", "factors", "noCountermeasureReason");
                });
        assertThat(empty.status()).isEqualTo(PostmortemStatus.IN_REVIEW);
        assertThat(empty.publishedRevision()).isNull();
        assertThat(empty.pendingEvents()).isEmpty();
    }

    @Test
    void withoutACountermeasurePublishingNeedsAWrittenReasonWhichIsKept() {
        var none = in(PostmortemStatus.IN_REVIEW);
        assertThatThrownBy(() -> none.publish("ada", false, 0, "  ", APPROVED, NOW))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("noCountermeasureReason"));
        assertThatThrownBy(() -> none.publish("ada", false, 0, "no", APPROVED, NOW))
                .isInstanceOfSatisfying(
                        NotPublishable.class, e -> assertThat(e.getMessage()).contains("at least 10 characters"));
        assertThat(none.status()).isEqualTo(PostmortemStatus.IN_REVIEW);
        none.publish("ada", false, 0, " The vendor fixed it for good ", APPROVED, NOW);
        assertThat(none.status()).isEqualTo(PostmortemStatus.PUBLISHED);
        assertThat(none.noCountermeasureReason()).isEqualTo("The vendor fixed it for good");

        var some = in(PostmortemStatus.IN_REVIEW);
        some.publish("ada", false, 2, "ignored when there are countermeasures", APPROVED, NOW);
        assertThat(some.noCountermeasureReason()).isNull();
    }

    @Test
    void aPublishedPostmortemIsReadOnlyUntilAmendedAndKeepsItsPublishedRevisionMeanwhile() {
        var pm = in(PostmortemStatus.IN_REVIEW);
        pm.publish("ada", false, 1, null, APPROVED, NOW);
        assertThatThrownBy(() -> pm.revise(3, content("ada", "bob", "Rewritten"), REFS, "ada", NOW))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("read-only; amend it");
        assertThat(pm.revision()).isEqualTo(3);
        assertThat(pm.amending()).isFalse();

        pm.amend("bob", NOW.plusSeconds(60));
        assertThat(pm.status()).isEqualTo(PostmortemStatus.DRAFT);
        assertThat(pm.amending()).isTrue();
        assertThat(pm.publishedRevision()).isEqualTo(3);
        assertThat(pm.revise(3, content("ada", "bob", "The pool ran dry; the vendor's view added"), REFS, "bob", NOW))
                .isTrue();
        assertThat(pm.revision()).isEqualTo(4);
        assertThat(pm.publishedRevision()).as("readers still see revision 3").isEqualTo(3);
        pm.submitForReview(List.of(), null, "ada", false, NOW);
        pm.publish("ada", false, 1, null, APPROVED, NOW);
        assertThat(pm.publishedRevision()).isEqualTo(4);
        assertThat(pm.amending()).isFalse();

        // sending a published one "back to draft" is the same amendment
        var other = in(PostmortemStatus.PUBLISHED);
        other.sendBackToDraft("ada", NOW);
        assertThat(other.status()).isEqualTo(PostmortemStatus.DRAFT);
        assertThat(other.pendingEvents()).singleElement().isInstanceOf(PostmortemSentBackToDraft.class);
    }

    @Test
    void onlyAPublishedPostmortemIsAmended() {
        assertIllegal(in(PostmortemStatus.DRAFT), pm -> pm.amend("ada", NOW), "only a published post-mortem");
        assertIllegal(in(PostmortemStatus.IN_REVIEW), pm -> pm.amend("ada", NOW), "only a published post-mortem");
    }

    @ParameterizedTest
    @EnumSource(
            value = PostmortemStatus.class,
            names = {"DRAFT", "IN_REVIEW"})
    void revisingMakesTheNextRevisionBeforePublicationAndNamesTheChangedFields(PostmortemStatus status) {
        var pm = in(status);
        var next = content("ada", "bob", "The pool ran dry under the retry storm");
        assertThat(pm.revise(3, next, REFS, "ada", NOW)).isTrue();
        assertThat(pm.revision()).isEqualTo(4);
        assertThat(pm.status()).isEqualTo(status);
        assertThat(pm.contentChanged()).isTrue();
        assertThat(pm.pendingEvents()).singleElement().isInstanceOfSatisfying(PostmortemRevised.class, e -> {
            assertThat(e.revision()).isEqualTo(4);
            assertThat(e.changedFields()).containsExactly("summary");
            assertThat(e.content()).isEqualTo(next);
        });
    }

    @Test
    void revisingFromAnOlderRevisionIsRefusedAndTheSameContentMakesNoRevision() {
        var pm = in(PostmortemStatus.DRAFT);
        assertThatThrownBy(() -> pm.revise(2, content("ada", "bob", "Other"), REFS, "ada", NOW))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("saved by someone else (revision 3, you edited 2)");
        assertThat(pm.revise(null, pm.content(), REFS, "ada", NOW)).isFalse();
        assertThat(pm.revision()).isEqualTo(3);
        assertThat(pm.pendingEvents()).isEmpty();
    }

    @Test
    void publishingWaitsForTheRequiredApprovalsOfAReviewer() {
        var pm = in(PostmortemStatus.IN_REVIEW);
        assertThatThrownBy(() -> pm.publish("ada", false, 1, null, new PostmortemReview.Approvals(0, 1), NOW))
                .isInstanceOfSatisfying(
                        ConflictException.class,
                        e -> assertThat(e.properties())
                                .containsEntry("approvals", 0)
                                .containsEntry("requiredApprovals", 1));
        assertThat(pm.status()).isEqualTo(PostmortemStatus.IN_REVIEW);
        assertThatThrownBy(() -> pm.approve("ada", "looks right", NOW))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("facilitator cannot review");
        pm.approve("carol", "Reads blameless and complete", NOW);
        assertThat(pm.pendingEvents()).singleElement().isInstanceOfSatisfying(PostmortemReviewed.class, e -> {
            assertThat(e.decision()).isEqualTo(ReviewDecision.Kind.APPROVED);
            assertThat(e.revision()).isEqualTo(3);
            assertThat(e.by()).isEqualTo("carol");
        });
        pm.publish("ada", false, 1, null, new PostmortemReview.Approvals(2, 2), NOW);
        assertThat(pm.status()).isEqualTo(PostmortemStatus.PUBLISHED);
        in(PostmortemStatus.IN_REVIEW).publish("ada", false, 1, null, new PostmortemReview.Approvals(0, 0), NOW);
    }

    @Test
    void requestingChangesNeedsACommentAndSendsItBackToDraft() {
        var pm = in(PostmortemStatus.IN_REVIEW);
        assertThatThrownBy(() -> pm.requestChanges("carol", " ", NOW))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("comment"));
        assertThat(pm.status()).isEqualTo(PostmortemStatus.IN_REVIEW);
        pm.requestChanges("carol", "The impact misses the support team", NOW);
        assertThat(pm.status()).isEqualTo(PostmortemStatus.DRAFT);
        assertIllegal(in(PostmortemStatus.DRAFT), d -> d.approve("carol", null, NOW), "only a post-mortem in review");
        assertIllegal(
                in(PostmortemStatus.PUBLISHED),
                d -> d.requestChanges("carol", "late", NOW),
                "only a post-mortem in review");
    }
}
