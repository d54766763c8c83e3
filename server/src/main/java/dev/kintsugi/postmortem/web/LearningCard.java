package dev.kintsugi.postmortem.web;

import dev.kintsugi.platform.PageCard;
import dev.kintsugi.postmortem.CountermeasureFilter;
import dev.kintsugi.postmortem.CountermeasureStatus;
import dev.kintsugi.postmortem.Countermeasures;
import dev.kintsugi.postmortem.PostmortemLibrary;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The dashboard's "learning" card: what is being learnt and what is still owed (as far as the viewer sees). */
@Component
class LearningCard implements PageCard {
    private final PostmortemLibrary library;
    private final Countermeasures countermeasures;

    LearningCard(PostmortemLibrary library, Countermeasures countermeasures) {
        this.library = library;
        this.countermeasures = countermeasures;
    }

    @Override
    public Placement placement() {
        return new Placement(DASHBOARD, "learning", 10);
    }

    @Override
    public Optional<Card> render(CardContext context) {
        return Optional.of(new Card(
                "postmortem/fragments :: dashboard-card",
                Map.of(
                        "latest", library.latest(4),
                        "open", count(CountermeasureStatus.OPEN, null),
                        "inProgress", count(CountermeasureStatus.IN_PROGRESS, null),
                        "done", count(CountermeasureStatus.DONE, null),
                        "overdue", count(null, true))));
    }

    private long count(CountermeasureStatus status, Boolean overdue) {
        return countermeasures
                .list(new CountermeasureFilter(null, status, overdue, null, null, null), 0, 1)
                .total();
    }
}
