package dev.kintsugi.gameday;

import dev.kintsugi.chaos.ChaosRuns;
import dev.kintsugi.chaos.FaultView;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.postmortem.EntrySource;
import dev.kintsugi.postmortem.Origin;
import dev.kintsugi.postmortem.Postmortem;
import dev.kintsugi.postmortem.PostmortemDrafts;
import dev.kintsugi.postmortem.PostmortemTimeline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * After a game day: the debrief timeline (injects and faults against the teams' detections, one ordered list),
 * its post-mortem draft (standalone, origin {@code GAME_DAY}, with that timeline; its countermeasures are tracked
 * like any other), and a clone to run it again and compare.
 */
@Service
@Transactional
public class GameDayDebrief {
    private final GameDayAccess access;
    private final GameDayRepository rows;
    private final GameDays days;
    private final ChaosRuns runs;
    private final PostmortemDrafts drafts;
    private final PostmortemTimeline postmortemTimeline;

    GameDayDebrief(
            GameDayAccess access,
            GameDays days,
            ChaosRuns runs,
            PostmortemDrafts drafts,
            PostmortemTimeline postmortemTimeline) {
        this.access = access;
        this.rows = access.rows;
        this.days = days;
        this.runs = runs;
        this.drafts = drafts;
        this.postmortemTimeline = postmortemTimeline;
    }

    /** The timeline the reader may see (a hero of a blind game day before the reveal: their team's part only). */
    @Transactional(readOnly = true)
    public List<TimelineItem> timeline(long id) {
        GameDayRepository.Row r = access.row(id);
        GameDayRole role = access.roleOf(id);
        boolean all = GameDayAccess.scenarioVisible(r, role);
        Map<Long, String> teams =
                rows.teams(id).stream().collect(Collectors.toMap(TeamView::id, TeamView::name, (a, b) -> a));
        List<TimelineItem> items = new ArrayList<>();
        if (r.startedAt() != null) {
            items.add(new TimelineItem(r.startedAt(), "started", null, r.title(), null));
        }
        for (InjectView i : access.injects(r)) {
            if (i.firedAt() == null) {
                continue;
            }
            items.add(new TimelineItem(i.firedAt(), "inject", null, i.title(), null));
            if (all && i.runId() != null) {
                for (FaultView f : Actor.runAsSystem("game day " + id + " debrief", () -> runs.faults(i.runId()))) {
                    items.add(new TimelineItem(f.journaledAt(), "fault", null, f.description(), null));
                    if (f.revertedAt() != null) {
                        items.add(new TimelineItem(f.revertedAt(), "reverted", null, f.description(), null));
                    }
                }
            }
        }
        Function<Long, String> team = teams::get;
        GameDayPlay.visibleResponses(rows.responses(id), role, access.participant(id))
                .forEach(x -> items.add(new TimelineItem(
                        x.at(),
                        x.kind().name().toLowerCase(java.util.Locale.ROOT),
                        team.apply(x.teamId()),
                        x.kind() == ResponseKind.DECLARED
                                ? x.incidentKey() + (x.body() == null ? "" : ": " + x.body())
                                : x.body(),
                        x.author())));
        if (r.endedAt() != null) {
            items.add(new TimelineItem(r.endedAt(), "ended", null, r.title(), null));
        }
        items.sort(Comparator.comparing(TimelineItem::at));
        return items;
    }

    /**
     * The game day's post-mortem draft (facilitator, once ended; once: a second call opens the same): standalone,
     * origin {@code GAME_DAY}, its timeline copied entry by entry.
     */
    public String draftPostmortem(long id) {
        GameDayRepository.Row r = access.row(id);
        access.require(id, GameDayRole.FACILITATOR);
        GameDayAccess.requireStatus(r, GameDayStatus.ENDED);
        if (r.postmortemKey() != null) {
            return r.postmortemKey();
        }
        List<TimelineItem> items = timeline(id);
        Postmortem pm = drafts.start(Origin.GAME_DAY, "Game day: " + r.title(), null, false);
        for (TimelineItem i : items) {
            postmortemTimeline.addEntry(
                    pm.id(),
                    i.at(),
                    i.by(),
                    i.team(),
                    EntrySource.MANUAL,
                    "[" + i.kind() + "] " + (i.text() == null ? "" : i.text()));
        }
        if (!rows.linkPostmortem(id, pm.key())) {
            throw GameDayAccess.raced(id);
        }
        access.changed(r, "postmortem", "Drafted " + pm.key() + " for game day " + id, Map.of("postmortem", pm.key()));
        return pm.key();
    }

    /**
     * A new plan like this one (title marked as a rerun, at {@code startsAt}), with its teams, roles and injects, to
     * run it again and compare the figures; the reader becomes its facilitator.
     */
    public GameDayView cloneOf(long id, Instant startsAt) {
        GameDays.requireResponder();
        GameDayRepository.Row r = access.row(id);
        access.require(id, GameDayRole.FACILITATOR, GameDayRole.VILLAIN, GameDayRole.OBSERVER);
        Instant at = startsAt == null ? access.clock.instant().plusSeconds(7 * 86_400) : startsAt;
        GameDayPlan plan = new GameDayPlan(
                r.title(),
                r.story(),
                r.mode(),
                at,
                r.durationMinutes(),
                r.environment(),
                List.of(),
                r.hypotheses(),
                r.objectives());
        GameDayInput.plan(plan, access.catalog);
        long clone = rows.insert(plan, r.serviceIds(), id, Actor.current(), access.clock.instant());
        Map<Long, Long> teamIds = new java.util.HashMap<>();
        for (TeamView t : rows.teams(id)) {
            teamIds.put(t.id(), rows.insertTeam(clone, t.name()));
        }
        for (ParticipantView p : rows.participants(id)) {
            rows.putParticipant(clone, p.username(), p.role(), p.teamId() == null ? null : teamIds.get(p.teamId()));
        }
        if (!Actor.isSystem()) {
            rows.putParticipant(clone, Actor.current(), GameDayRole.FACILITATOR, null);
        }
        for (InjectView i : access.injectRows.of(id)) {
            access.injectRows.insert(
                    clone,
                    new InjectDraft(
                            i.title(),
                            i.kind(),
                            i.experimentId(),
                            i.body(),
                            i.offsetMinutes(),
                            i.fault(),
                            i.faultService(),
                            i.faultTargetId(),
                            i.faultParameters()),
                    i.experimentId(),
                    Actor.current());
        }
        days.planned(clone, r.title(), r.serviceIds(), "Cloned game day " + id + " as " + clone, Map.of("from", id));
        return days.get(clone);
    }
}
