package dev.kintsugi.chaos.web;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.chaos.ChaosExperiments;
import dev.kintsugi.chaos.ChaosRuns;
import dev.kintsugi.chaos.ExperimentView;
import dev.kintsugi.chaos.FaultView;
import dev.kintsugi.chaos.InvalidExperimentText;
import dev.kintsugi.chaos.KillSwitch;
import dev.kintsugi.chaos.RunRefused;
import dev.kintsugi.chaos.RunView;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.LiveUpdates;
import dev.kintsugi.platform.Role;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The chaos pages: experiments (list, form, raw editor, history), the live run page and its report. */
@Controller
class ChaosPageController {
    private final ChaosExperiments experiments;
    private final ChaosRuns runs;
    private final KillSwitch killSwitch;
    private final CatalogManagement catalog;
    private final LiveUpdates live;
    private final dev.kintsugi.chaos.ChaosTargets targets;
    private final org.springframework.context.MessageSource messages;
    private final java.time.Clock clock;
    private final dev.kintsugi.chaos.ChaosHub hub;

    ChaosPageController(
            ChaosExperiments experiments,
            ChaosRuns runs,
            KillSwitch killSwitch,
            CatalogManagement catalog,
            LiveUpdates live,
            dev.kintsugi.chaos.ChaosTargets targets,
            org.springframework.context.MessageSource messages,
            java.time.Clock clock,
            dev.kintsugi.chaos.ChaosHub hub) {
        this.clock = clock;
        this.hub = hub;
        this.targets = targets;
        this.messages = messages;
        this.experiments = experiments;
        this.runs = runs;
        this.killSwitch = killSwitch;
        this.catalog = catalog;
        this.live = live;
    }

    @ModelAttribute("canChaos")
    boolean canChaos() {
        return Actor.hasRole(Role.CHAOS_ENGINEER);
    }

    @GetMapping("/chaos/experiments")
    String list(@RequestParam(required = false) String service, Model model) {
        model.addAttribute("experiments", experiments.list(service));
        model.addAttribute("running", runs.running());
        model.addAttribute("recent", runs.recent(20));
        model.addAttribute("killSwitch", killSwitch.state());
        model.addAttribute("service", service);
        return "chaos/experiments";
    }

    @GetMapping("/chaos/experiments/new")
    String newForm(
            @RequestParam(required = false) String template,
            @RequestParam(required = false) String service,
            Model model,
            java.util.Locale locale) {
        ExperimentForm form =
                template == null ? ExperimentForm.empty() : ExperimentForm.of(hub.get(template, locale), service);
        return form(model, form, null, null);
    }

    @PostMapping("/chaos/experiments")
    String create(@ModelAttribute("form") ExperimentForm form, Model model) {
        try {
            ExperimentView e = experiments.create(form.toDefinition(), form.services());
            return "redirect:/chaos/experiments/" + e.id() + "?saved";
        } catch (InvalidExperimentText e) {
            return form(model, form, null, e);
        } catch (InvalidInputException e) {
            return form(
                    model, form, null, new InvalidExperimentText(List.of(dev.kintsugi.chaos.ExperimentProblem.of(e))));
        }
    }

    @GetMapping("/chaos/experiments/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        ExperimentView e = experiments.get(id);
        ExperimentForm form = new ExperimentForm(
                "raw",
                null,
                null,
                String.join(",", e.services()),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                e.definition());
        return form(model, form, e, null);
    }

    @PostMapping("/chaos/experiments/{id}")
    String update(@PathVariable long id, @ModelAttribute("form") ExperimentForm form, Model model) {
        ExperimentView current = experiments.get(id);
        try {
            experiments.update(id, form.toDefinition(), form.services(), null);
            return "redirect:/chaos/experiments/" + id + "?saved";
        } catch (InvalidExperimentText e) {
            return form(model, form, current, e);
        }
    }

    private String form(Model model, ExperimentForm form, ExperimentView editing, InvalidExperimentText errors) {
        model.addAttribute("form", form);
        model.addAttribute("editing", editing);
        // each problem in the viewer's language (the engine's own findings stay as the engine says them)
        java.util.Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        model.addAttribute(
                "errors",
                errors == null
                        ? List.of()
                        : errors.problems().stream()
                                .map(p -> new dev.kintsugi.chaos.ExperimentProblem(
                                        p.field(), p.path(), messages.getMessage(p.resolvable(), locale)))
                                .toList());
        model.addAttribute("faults", ExperimentForm.FAULTS);
        model.addAttribute("services", catalog.services());
        return "chaos/experiment-form";
    }

    @GetMapping("/chaos/experiments/{id}")
    String experiment(@PathVariable long id, Model model) {
        ExperimentView e = experiments.get(id);
        model.addAttribute("experiment", e);
        model.addAttribute("versions", experiments.versions(id));
        model.addAttribute("cron", experiments.scheduleOf(id));
        model.addAttribute("weight", experiments.weightOf(id));
        model.addAttribute("score", java.util.Optional.ofNullable(runs.experimentScore(id, 20)));
        model.addAttribute("runs", runs.ofExperiment(id, 50));
        model.addAttribute("killSwitch", killSwitch.state());
        return "chaos/experiment";
    }

    @PostMapping("/chaos/experiments/{id}/runs")
    String start(
            @PathVariable long id, @RequestParam(defaultValue = "false") boolean dry, RedirectAttributes redirect) {
        try {
            RunView run = runs.start(id, dry);
            return "redirect:/chaos/runs/" + run.id();
        } catch (RunRefused e) {
            redirect.addFlashAttribute("refusedCode", e.code());
            redirect.addFlashAttribute("refusedArgs", e.args());
            return "redirect:/chaos/experiments/" + id;
        }
    }

    @GetMapping("/chaos/runs/{id}")
    String run(@PathVariable long id, Model model) {
        runModel(id, model);
        return "chaos/run";
    }

    /** The part of the run page that live updates re-fetch. */
    @GetMapping("/chaos/runs/{id}/body")
    String runBody(@PathVariable long id, Model model) {
        runModel(id, model);
        return "chaos/run :: body";
    }

    @GetMapping("/chaos/runs/{id}/report")
    String report(@PathVariable long id, Model model) {
        runModel(id, model);
        return "chaos/report";
    }

    private void runModel(long id, Model model) {
        RunView run = runs.get(id);
        model.addAttribute("run", run);
        model.addAttribute("activities", runs.activities(id));
        List<FaultView> faults = runs.faults(id);
        model.addAttribute("faults", faults);
        model.addAttribute("incidents", runs.incidents(id));
        // seconds each fault's lease has left, by the server's clock (the page counts down from there)
        java.time.Instant now = clock.instant();
        java.util.Map<Long, Long> leaseLeft = new java.util.HashMap<>();
        faults.stream()
                .filter(f -> f.leaseUntil() != null)
                .forEach(f -> leaseLeft.put(
                        f.id(),
                        Math.max(
                                0,
                                java.time.Duration.between(now, f.leaseUntil()).toSeconds())));
        model.addAttribute("leaseLeft", leaseLeft);
        model.addAttribute("postmortem", runs.postmortemOf(id));
        model.addAttribute("canRespond", Actor.hasRole(Role.RESPONDER));
        model.addAttribute("services", catalog.servicesById(run.serviceIds()));
    }

    @GetMapping("/chaos/runs/{id}/stream")
    SseEmitter stream(@PathVariable long id) {
        return live.subscribe("chaos-run:" + runs.get(id).id());
    }

    @PostMapping("/chaos/runs/{id}/stop")
    String stop(@PathVariable long id) {
        runs.stop(id, null);
        return "redirect:/chaos/runs/" + id;
    }

    @PostMapping("/chaos/faults/{id}/resolve")
    String resolve(@PathVariable long id) {
        FaultView f = runs.resolve(id);
        return "redirect:/chaos/runs/" + f.runId();
    }

    @PostMapping("/chaos/faults/{id}/revert")
    String revert(@PathVariable long id) {
        FaultView f = runs.retryRevert(id);
        return "redirect:/chaos/runs/" + f.runId();
    }

    /** A target's reachability, checked now, as a fragment for the service page. */
    @GetMapping("/chaos/services/{service}/targets/{id}/reachability")
    String reachability(@PathVariable String service, @PathVariable long id, Model model) {
        model.addAttribute("reach", targets.check(service, id));
        return "chaos/fragments :: reachability";
    }

    @PostMapping("/chaos/kill-switch/engage")
    String engage(@RequestParam(required = false) String reason, @RequestParam(required = false) String back) {
        killSwitch.engage(reason);
        return "redirect:" + back(back);
    }

    @PostMapping("/chaos/kill-switch/release")
    String release(@RequestParam(required = false) String back) {
        killSwitch.release();
        return "redirect:" + back(back);
    }

    /** Only a path of this site: never an address a form could smuggle in. */
    static String back(String back) {
        return back != null && back.matches("/[A-Za-z0-9/_\\-]{0,200}") && !back.startsWith("//")
                ? back
                : "/chaos/experiments";
    }
}
