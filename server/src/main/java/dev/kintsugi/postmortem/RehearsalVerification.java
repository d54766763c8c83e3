package dev.kintsugi.postmortem;

import dev.kintsugi.chaos.ChaosRunFinished;
import dev.kintsugi.chaos.RunStatus;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.PageResult;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The loop back from chaos: a {@link CountermeasureKind#REHEARSAL} countermeasure names an experiment (its id,
 * {@code EXP-<id>}, or its page's address). The first passing run after the countermeasure was written verifies it
 * and marks it done ("verified by run N", in the audit log); a failing run reopens it, pointing at the run's journal.
 */
@Component
class RehearsalVerification {
    private static final Pattern EXPERIMENT_REF =
            Pattern.compile("^(?:EXP-|.*/chaos/experiments/)?(\\d{1,18})/?$", Pattern.CASE_INSENSITIVE);

    private final Countermeasures countermeasures;

    RehearsalVerification(Countermeasures countermeasures) {
        this.countermeasures = countermeasures;
    }

    @ApplicationModuleListener
    void on(ChaosRunFinished run) {
        if (run.dry()) {
            return;
        }
        boolean failed = run.outcome() == RunStatus.FAILED;
        if (!run.passed() && !failed) {
            return; // interrupted (kill switch, an incident): proves nothing either way
        }
        Actor.runAsSystem("rehearsals of experiment " + run.experimentId(), () -> {
            for (CountermeasureView c : rehearsalsOf(run.experimentId())) {
                if (c.createdAt().isAfter(run.at())) {
                    continue;
                }
                if (run.passed() && c.status().isActive()) {
                    Actor.runAsSystem("verified by run " + run.runId() + " (/chaos/runs/" + run.runId() + ")", () -> {
                        countermeasures.markVerified(c.id(), run.at());
                        countermeasures.changeStatus(c.id(), CountermeasureStatus.DONE, null);
                    });
                } else if (failed && c.status() == CountermeasureStatus.DONE) {
                    Actor.runAsSystem(
                            "reopened: run " + run.runId() + " failed, journal /api/v1/chaos/runs/" + run.runId()
                                    + "/journal",
                            () -> countermeasures.changeStatus(c.id(), CountermeasureStatus.OPEN, null));
                }
            }
        });
    }

    private List<CountermeasureView> rehearsalsOf(long experimentId) {
        List<CountermeasureView> found = new ArrayList<>();
        int page = 0;
        PageResult<CountermeasureView> result;
        do {
            result = countermeasures.list(
                    new CountermeasureFilter(null, null, null, CountermeasureKind.REHEARSAL, null, null), page++, 200);
            for (CountermeasureView c : result.items()) {
                if (c.experiment() != null && names(c.experiment().trim(), experimentId)) {
                    found.add(c);
                }
            }
        } while (result.hasNext() && page < 100);
        return found;
    }

    static boolean names(String ref, long experimentId) {
        Matcher m = EXPERIMENT_REF.matcher(ref);
        return m.matches() && Long.parseLong(m.group(1)) == experimentId;
    }
}
