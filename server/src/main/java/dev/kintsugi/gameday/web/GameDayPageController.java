package dev.kintsugi.gameday.web;

import dev.kintsugi.gameday.GameDayDebrief;
import dev.kintsugi.gameday.GameDayInjects;
import dev.kintsugi.gameday.GameDayMode;
import dev.kintsugi.gameday.GameDayPlan;
import dev.kintsugi.gameday.GameDayPlay;
import dev.kintsugi.gameday.GameDayRole;
import dev.kintsugi.gameday.GameDayView;
import dev.kintsugi.gameday.GameDays;
import dev.kintsugi.gameday.InjectKind;
import dev.kintsugi.gameday.Readiness;
import dev.kintsugi.gameday.ResponseKind;
import dev.kintsugi.gameday.TeamView;
import dev.kintsugi.incident.Severity;
import dev.kintsugi.platform.Enums;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.LiveUpdates;
import dev.kintsugi.platform.Markdown;
import dev.kintsugi.platform.Times;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The game-day pages: the list with the plan form and the scenario backlog, a game day's page (what each role may
 * see and do, live), the room's scoreboard (full screen, live, with a refresh fallback) and the debrief; the play's
 * forms (start, end, reveal, the response, verdicts, hints). Preparation forms: {@link GameDayPrepPageController};
 * injects: {@link GameDayInjectPageController}.
 */
@Controller
class GameDayPageController {
    private final GameDays days;
    private final GameDayPlay play;
    private final GameDayDebrief debrief;
    private final LiveUpdates live;
    private final Markdown markdown;
    private final Times times;
    private final GameDayInjects injects;
    private final GameDayFormActions forms;

    GameDayPageController(
            GameDays days,
            GameDayPlay play,
            GameDayDebrief debrief,
            LiveUpdates live,
            Markdown markdown,
            Times times,
            GameDayInjects injects,
            GameDayFormActions forms) {
        this.days = days;
        this.play = play;
        this.debrief = debrief;
        this.live = live;
        this.markdown = markdown;
        this.times = times;
        this.injects = injects;
        this.forms = forms;
    }

    @GetMapping("/gamedays")
    String list(Model model) {
        model.addAttribute("gamedays", days.list(100));
        model.addAttribute("ideas", days.ideas());
        model.addAttribute("modes", GameDayMode.values());
        return "gameday/list";
    }

    @PostMapping("/gamedays")
    String plan(
            @RequestParam(required = false) String title,
            @RequestParam(required = false) String story,
            @RequestParam(required = false) String mode,
            @RequestParam(required = false) String startsAt,
            @RequestParam(required = false) Integer durationMinutes,
            @RequestParam(required = false) String environment,
            @RequestParam(required = false) String services,
            @RequestParam(required = false) String hypotheses,
            @RequestParam(required = false) String objectives,
            RedirectAttributes flash) {
        return forms.act(flash, "/gamedays", () -> {
            GameDayView v = days.plan(new GameDayPlan(
                    title,
                    story,
                    mode == null || mode.isBlank() ? null : Enums.parse(GameDayMode.class, mode, "mode"),
                    localTime(startsAt),
                    durationMinutes,
                    environment,
                    services == null ? List.of() : Arrays.asList(services.split(",")),
                    hypotheses,
                    objectives));
            return "/gamedays/" + v.id();
        });
    }

    private Instant localTime(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value).atZone(times.zone()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(
                    "startsAt", "validation.dateTime", "'" + value + "' is not a date and time", value);
        }
    }

    @PostMapping("/gamedays/ideas")
    String propose(
            @RequestParam(required = false) String title,
            @RequestParam(required = false) String description,
            RedirectAttributes flash) {
        return forms.act(flash, "/gamedays", () -> {
            days.propose(title, description);
            return "/gamedays";
        });
    }

    @PostMapping("/gamedays/ideas/{ideaId}/vote")
    String vote(@PathVariable long ideaId, RedirectAttributes flash) {
        return forms.act(flash, "/gamedays", () -> {
            days.vote(ideaId);
            return "/gamedays";
        });
    }

    @GetMapping("/gamedays/{id}")
    String page(@PathVariable long id, Model model) {
        fill(id, model);
        return "gameday/gameday";
    }

    /** The part of the game day's page that live updates re-fetch. */
    @GetMapping("/gamedays/{id}/live")
    String livePart(@PathVariable long id, Model model) {
        fill(id, model);
        return "gameday/gameday :: live";
    }

    private void fill(long id, Model model) {
        GameDayView g = days.get(id);
        List<TeamView> teams = days.teams(id);
        model.addAttribute("g", g);
        model.addAttribute("story", g.story() == null ? null : markdown.toHtml(g.story()));
        model.addAttribute("teams", teams);
        model.addAttribute("teamNames", teams.stream().collect(Collectors.toMap(TeamView::id, TeamView::name)));
        model.addAttribute("participants", days.participants(id));
        model.addAttribute("checks", days.checks(id));
        model.addAttribute("injects", injects.list(id));
        model.addAttribute("responses", play.responses(id));
        model.addAttribute("scores", play.scoreboard(id));
        model.addAttribute("role", g.viewerRole());
        model.addAttribute("roles", GameDayRole.values());
        model.addAttribute("kinds", InjectKind.values());
        model.addAttribute("faults", dev.kintsugi.chaos.ChaosHub.faults().keySet());
        model.addAttribute(
                "responseKinds",
                List.of(
                        ResponseKind.DECLARED,
                        ResponseKind.HYPOTHESIS,
                        ResponseKind.FINDING,
                        ResponseKind.DETECTED,
                        ResponseKind.DIAGNOSIS,
                        ResponseKind.MITIGATED));
        model.addAttribute("severities", Severity.values());
        model.addAttribute("readiness", Readiness.values());
    }

    @GetMapping("/gamedays/{id}/stream")
    SseEmitter stream(@PathVariable long id) {
        return live.subscribe("gameday:" + days.get(id).id());
    }

    @GetMapping("/gamedays/{id}/scoreboard")
    String scoreboard(@PathVariable long id, Model model) {
        model.addAttribute("g", days.get(id));
        model.addAttribute("scores", play.scoreboard(id));
        return "gameday/scoreboard";
    }

    @GetMapping("/gamedays/{id}/scoreboard/board")
    String board(@PathVariable long id, Model model) {
        model.addAttribute("g", days.get(id));
        model.addAttribute("scores", play.scoreboard(id));
        return "gameday/scoreboard :: board";
    }

    @GetMapping("/gamedays/{id}/debrief")
    String debrief(@PathVariable long id, Model model) {
        model.addAttribute("g", days.get(id));
        model.addAttribute("timeline", debrief.timeline(id));
        model.addAttribute("scores", play.scoreboard(id));
        model.addAttribute("injects", injects.list(id));
        return "gameday/debrief";
    }

    // ---- actions ----

    @PostMapping("/gamedays/{id}/start")
    String start(@PathVariable long id, @RequestParam(required = false) Long version, RedirectAttributes flash) {
        return forms.act(flash, "/gamedays/" + id, () -> {
            play.start(id, version);
            return "/gamedays/" + id;
        });
    }

    @PostMapping("/gamedays/{id}/end")
    String end(@PathVariable long id, @RequestParam(required = false) Long version, RedirectAttributes flash) {
        return forms.act(flash, "/gamedays/" + id, () -> {
            play.end(id, version);
            return "/gamedays/" + id + "/debrief";
        });
    }

    @PostMapping("/gamedays/{id}/reveal")
    String reveal(@PathVariable long id, RedirectAttributes flash) {
        return forms.act(flash, "/gamedays/" + id, () -> {
            play.reveal(id);
            return "/gamedays/" + id;
        });
    }

    @PostMapping("/gamedays/{id}/responses")
    String respond(
            @PathVariable long id,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String title,
            @RequestParam(required = false) String body,
            @RequestParam(required = false) String severity,
            RedirectAttributes flash) {
        return forms.act(flash, "/gamedays/" + id, () -> {
            play.respond(
                    id,
                    kind == null || kind.isBlank() ? null : Enums.parse(ResponseKind.class, kind, "kind"),
                    title,
                    body,
                    severity == null || severity.isBlank() ? null : Enums.parse(Severity.class, severity, "severity"));
            return "/gamedays/" + id;
        });
    }

    @PostMapping("/gamedays/{id}/responses/{responseId}/verdict")
    String verdict(
            @PathVariable long id,
            @PathVariable long responseId,
            @RequestParam(defaultValue = "false") boolean correct,
            RedirectAttributes flash) {
        return forms.act(flash, "/gamedays/" + id, () -> {
            play.judge(id, responseId, correct);
            return "/gamedays/" + id;
        });
    }

    @PostMapping("/gamedays/{id}/hints")
    String hint(
            @PathVariable long id,
            @RequestParam(required = false) Long teamId,
            @RequestParam(required = false) String body,
            RedirectAttributes flash) {
        return forms.act(flash, "/gamedays/" + id, () -> {
            if (teamId == null) {
                throw new InvalidInputException("teamId", "validation.required", "must be given");
            }
            play.hint(id, teamId, body);
            return "/gamedays/" + id;
        });
    }

    @PostMapping("/gamedays/{id}/postmortem")
    String postmortem(@PathVariable long id, RedirectAttributes flash) {
        return forms.act(
                flash,
                "/gamedays/" + id + "/debrief",
                () -> "/postmortems/" + debrief.draftPostmortem(id).substring(3));
    }

    @PostMapping("/gamedays/{id}/clone")
    String cloneOf(@PathVariable long id, RedirectAttributes flash) {
        return forms.act(
                flash,
                "/gamedays/" + id + "/debrief",
                () -> "/gamedays/" + debrief.cloneOf(id, null).id());
    }
}
