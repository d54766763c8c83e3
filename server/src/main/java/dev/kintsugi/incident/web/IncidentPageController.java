package dev.kintsugi.incident.web;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.incident.ClosureReason;
import dev.kintsugi.incident.DeclareIncident;
import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.IncidentQuery;
import dev.kintsugi.incident.IncidentRole;
import dev.kintsugi.incident.IncidentStatus;
import dev.kintsugi.incident.IncidentView;
import dev.kintsugi.incident.Milestone;
import dev.kintsugi.incident.NewNote;
import dev.kintsugi.incident.Severity;
import dev.kintsugi.incident.SeverityTexts;
import dev.kintsugi.incident.TimelineEntry;
import dev.kintsugi.incident.TimelineEntryKind;
import dev.kintsugi.incident.TimelineMessages;
import dev.kintsugi.incident.Transition;
import dev.kintsugi.incident.UpdateIncident;
import dev.kintsugi.incident.Visibility;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.Enums;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.LiveUpdates;
import dev.kintsugi.platform.Markdown;
import dev.kintsugi.platform.PageResult;
import dev.kintsugi.platform.Role;
import dev.kintsugi.platform.Times;
import dev.kintsugi.platform.UserAccount;
import dev.kintsugi.platform.UserManagement;
import jakarta.servlet.http.HttpServletResponse;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The incident pages: dashboard, list, declare form, and the live incident page with its actions. */
@Controller
class IncidentPageController {
    private static final String READ = "hasRole('VIEWER')";
    private static final String ACT = "hasRole('RESPONDER')";

    private final IncidentManagement incidents;
    private final SeverityTexts severityTexts;
    private final TimelineMessages texts;
    private final CatalogManagement catalog;
    private final UserManagement users;
    private final LiveUpdates live;
    private final Times times;
    private final Markdown markdown;
    private final MessageSource messages;

    IncidentPageController(
            IncidentManagement incidents,
            SeverityTexts severityTexts,
            TimelineMessages texts,
            CatalogManagement catalog,
            UserManagement users,
            LiveUpdates live,
            Times times,
            Markdown markdown,
            MessageSource messages) {
        this.incidents = incidents;
        this.severityTexts = severityTexts;
        this.texts = texts;
        this.catalog = catalog;
        this.users = users;
        this.live = live;
        this.times = times;
        this.markdown = markdown;
        this.messages = messages;
    }

    @GetMapping("/")
    @PreAuthorize(READ)
    String dashboard(Model model) {
        Set<IncidentStatus> open =
                EnumSet.of(IncidentStatus.INVESTIGATING, IncidentStatus.IDENTIFIED, IncidentStatus.MONITORING);
        model.addAttribute("openBySeverity", incidents.openBySeverity());
        model.addAttribute("open", incidents.search(new IncidentQuery(open, Set.of(), null, null, null, 0, 20)));
        model.addAttribute(
                "recent",
                incidents.search(new IncidentQuery(
                        EnumSet.of(IncidentStatus.RESOLVED, IncidentStatus.CLOSED), Set.of(), null, null, null, 0, 6)));
        Locale locale = LocaleContextHolder.getLocale();
        model.addAttribute(
                "chart",
                TrendChart.render(
                        incidents.monthlyCounts(12, times.zone()),
                        locale,
                        messages.getMessage("incident.dashboard.trend", null, locale)));
        model.addAttribute("severities", Severity.values());
        return "incident/dashboard";
    }

    @GetMapping("/incidents")
    @PreAuthorize(READ)
    String list(
            @RequestParam(required = false) List<IncidentStatus> status,
            @RequestParam(required = false) List<Severity> severity,
            @RequestParam(required = false) String service,
            @RequestParam(required = false) String team,
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        Set<IncidentStatus> statuses = status == null || status.isEmpty() ? Set.of() : EnumSet.copyOf(status);
        Set<Severity> severities = severity == null || severity.isEmpty() ? Set.of() : EnumSet.copyOf(severity);
        PageResult<?> result =
                incidents.search(new IncidentQuery(statuses, severities, service, team, q, Math.max(page, 0), 25));
        model.addAttribute("result", result);
        model.addAttribute("statuses", IncidentStatus.values());
        model.addAttribute("severities", Severity.values());
        model.addAttribute("services", catalog.services());
        model.addAttribute("teams", catalog.teams());
        model.addAttribute("selectedStatuses", statuses);
        model.addAttribute("selectedSeverities", severities);
        model.addAttribute("service", service);
        model.addAttribute("team", team);
        model.addAttribute("q", q);
        model.addAttribute("displayNames", displayNames());
        return "incident/list";
    }

    @GetMapping("/incidents/new")
    @PreAuthorize(ACT)
    String declareForm(Model model) {
        formModel(model);
        model.addAttribute("form", Map.of("severity", "SEV3"));
        return "incident/declare";
    }

    @PostMapping("/incidents")
    @PreAuthorize(ACT)
    String declare(
            @RequestParam(required = false) String title,
            @RequestParam(required = false) String description,
            @RequestParam(required = false) String severity,
            @RequestParam(required = false) List<String> services,
            @RequestParam(required = false) String impactStartedAt,
            @RequestParam(required = false) String detectedAt,
            @RequestParam(defaultValue = "false") boolean privateIncident,
            @RequestParam(required = false) String commander,
            Model model,
            HttpServletResponse response) {
        try {
            IncidentView view = incidents.declare(new DeclareIncident(
                    title,
                    description,
                    severity(severity),
                    services,
                    times.parseInput(impactStartedAt, "impactStartedAt"),
                    times.parseInput(detectedAt, "detectedAt"),
                    privateIncident,
                    commander == null || commander.isBlank() ? null : commander,
                    null));
            return "redirect:/incidents/" + view.key();
        } catch (InvalidInputException e) {
            response.setStatus(400);
            formModel(model);
            Map<String, Object> form = new LinkedHashMap<>();
            form.put("title", title);
            form.put("description", description);
            form.put("severity", severity);
            form.put("services", services == null ? List.of() : services);
            form.put("impactStartedAt", impactStartedAt);
            form.put("detectedAt", detectedAt);
            form.put("privateIncident", privateIncident);
            form.put("commander", commander);
            model.addAttribute("form", form);
            model.addAttribute("errorField", e.field());
            model.addAttribute("errorMessage", describe(e));
            return "incident/declare";
        }
    }

    private void formModel(Model model) {
        model.addAttribute("severities", Severity.values());
        model.addAttribute("severityDescriptions", severityTexts.all());
        model.addAttribute("services", catalog.services());
        model.addAttribute("responders", responders());
    }

    @GetMapping("/incidents/{key}")
    @PreAuthorize(READ)
    String page(@PathVariable String key, Model model) {
        IncidentView incident = incidents.get(key);
        model.addAttribute("incident", incident);
        model.addAttribute(
                "descriptionHtml", incident.description() == null ? null : markdown.toHtml(incident.description()));
        panelModel(incident, model);
        model.addAttribute("timeline", newestFirst(key));
        return "incident/page";
    }

    @GetMapping("/incidents/{key}/panel")
    @PreAuthorize(READ)
    String panel(@PathVariable String key, Model model) {
        IncidentView incident = incidents.get(key);
        model.addAttribute("incident", incident);
        panelModel(incident, model);
        return "incident/page :: panel";
    }

    @GetMapping("/incidents/{key}/timeline")
    @PreAuthorize(READ)
    String timeline(@PathVariable String key, Model model) {
        model.addAttribute("incident", incidents.get(key));
        model.addAttribute("timeline", newestFirst(key));
        model.addAttribute("displayNames", displayNames());
        return "incident/page :: timeline";
    }

    @GetMapping(path = "/incidents/{key}/stream", produces = "text/event-stream")
    @PreAuthorize(READ)
    SseEmitter stream(@PathVariable String key) {
        return live.subscribe(IncidentLiveUpdates.topic(incidents.get(key).id()));
    }

    /**
     * A timeline entry with its Markdown already rendered and sanitised; system entries are rendered in the
     * viewer's language and zone first.
     */
    record EntryView(TimelineEntry entry, String html) {}

    private List<EntryView> newestFirst(String key) {
        var text = texts.forViewer();
        return incidents.timeline(key).reversed().stream()
                .map(e -> new EntryView(e, markdown.toHtml(text.apply(e))))
                .toList();
    }

    private void panelModel(IncidentView incident, Model model) {
        model.addAttribute("acknowledged", incident.milestone(Milestone.ACKNOWLEDGED) != null);
        model.addAttribute("canReopen", incident.allowedNext().contains(IncidentStatus.INVESTIGATING));
        model.addAttribute("canClose", incident.allowedNext().contains(IncidentStatus.CLOSED));
        model.addAttribute("severityDescription", severityTexts.describe(incident.severity()));
        model.addAttribute(
                "allowedNext", incident.allowedNext().stream().sorted().toList());
        model.addAttribute("closureReasons", ClosureReason.values());
        model.addAttribute("severities", Severity.values());
        model.addAttribute("roles", IncidentRole.values());
        model.addAttribute("milestones", Milestone.values());
        model.addAttribute("users", activeUsers());
        model.addAttribute("responders", responders());
        model.addAttribute("displayNames", displayNames());
        model.addAttribute("allServices", catalog.services());
        model.addAttribute(
                "serviceNames",
                incident.services().stream().map(IncidentView.ServiceRef::name).toList());
    }

    private List<UserAccount> activeUsers() {
        return users.list().stream().filter(UserAccount::enabled).toList();
    }

    /** Who may hold an incident role: a VIEWER reads incidents but does not act in them. */
    private List<UserAccount> responders() {
        return activeUsers().stream()
                .filter(u -> u.role().includes(Role.RESPONDER))
                .toList();
    }

    private Map<String, String> displayNames() {
        Map<String, String> names = new LinkedHashMap<>();
        users.list().forEach(u -> names.put(u.username(), u.displayName()));
        return names;
    }

    // ---- actions (post/redirect/get; errors come back as a flash message) ----

    @PostMapping("/incidents/{key}/transition")
    @PreAuthorize(ACT)
    String transition(
            @PathVariable String key,
            @RequestParam String to,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String closureReason,
            @RequestParam(required = false) String duplicateOf,
            RedirectAttributes flash) {
        return act(key, flash, () -> {
            IncidentStatus target = Enums.parse(IncidentStatus.class, to, "to");
            ClosureReason cr = closureReason == null || closureReason.isBlank()
                    ? null
                    : Enums.parse(ClosureReason.class, closureReason, "closureReason");
            Long dup = duplicateOf == null || duplicateOf.isBlank() ? null : duplicateId(duplicateOf);
            return incidents.transition(key, new Transition(target, reason, cr, dup));
        });
    }

    private long duplicateId(String key) {
        try {
            return incidents.idOf(key);
        } catch (RuntimeException e) {
            throw new InvalidInputException("duplicateOf", "no incident '" + key + "'");
        }
    }

    @PostMapping("/incidents/{key}/acknowledge")
    @PreAuthorize(ACT)
    String acknowledge(@PathVariable String key, RedirectAttributes flash) {
        return act(key, flash, () -> incidents.acknowledge(key));
    }

    @PostMapping("/incidents/{key}/roles")
    @PreAuthorize(ACT)
    String assign(
            @PathVariable String key,
            @RequestParam String role,
            @RequestParam(required = false) String username,
            RedirectAttributes flash) {
        return act(key, flash, () -> incidents.assign(key, Enums.parse(IncidentRole.class, role, "role"), username));
    }

    @PostMapping("/incidents/{key}/severity")
    @PreAuthorize(ACT)
    String severity(@PathVariable String key, @RequestParam String severity, RedirectAttributes flash) {
        return act(
                key,
                flash,
                () -> incidents.update(key, new UpdateIncident(null, null, severity(severity), null, null)));
    }

    @PostMapping("/incidents/{key}/edit")
    @PreAuthorize(ACT)
    String edit(
            @PathVariable String key,
            @RequestParam(required = false) String title,
            @RequestParam(required = false) String description,
            @RequestParam(required = false) List<String> services,
            @RequestParam(defaultValue = "false") boolean privateIncident,
            RedirectAttributes flash) {
        return act(
                key,
                flash,
                () -> incidents.update(
                        key,
                        new UpdateIncident(
                                title,
                                description == null ? "" : description,
                                null,
                                services == null ? List.of() : services,
                                privateIncident)));
    }

    @PostMapping("/incidents/{key}/participants")
    @PreAuthorize(ACT)
    String addParticipant(
            @PathVariable String key, @RequestParam(required = false) String username, RedirectAttributes flash) {
        return act(key, flash, () -> incidents.join(key, username == null ? "" : username));
    }

    @PostMapping("/incidents/{key}/milestones")
    @PreAuthorize(ACT)
    String milestone(
            @PathVariable String key,
            @RequestParam String milestone,
            @RequestParam(required = false) String at,
            RedirectAttributes flash) {
        return act(
                key,
                flash,
                () -> incidents.editMilestone(
                        key, Enums.parse(Milestone.class, milestone, "milestone"), times.parseInput(at, "at")));
    }

    @PostMapping("/incidents/{key}/notes")
    @PreAuthorize(ACT)
    String note(
            @PathVariable String key,
            @RequestParam(required = false) String body,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String perspective,
            @RequestParam(required = false) String visibility,
            @RequestParam(required = false) String occurredAt,
            @org.springframework.web.bind.annotation.RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model,
            RedirectAttributes flash,
            HttpServletResponse response) {
        try {
            incidents.addNote(
                    key,
                    new NewNote(
                            kind == null || kind.isBlank()
                                    ? TimelineEntryKind.NOTE
                                    : Enums.parse(TimelineEntryKind.class, kind, "kind"),
                            body,
                            times.parseInput(occurredAt, "occurredAt"),
                            perspective,
                            visibility == null || visibility.isBlank()
                                    ? Visibility.INTERNAL
                                    : Enums.parse(Visibility.class, visibility, "visibility")));
            if (htmx != null) {
                response.setHeader("HX-Trigger", "timeline-changed");
                model.addAttribute("incident", incidents.get(key));
                return "incident/page :: note-form";
            }
        } catch (InvalidInputException e) {
            if (htmx != null) {
                response.setStatus(200);
                model.addAttribute("incident", incidents.get(key));
                model.addAttribute("noteError", describe(e));
                model.addAttribute("noteBody", body);
                return "incident/page :: note-form";
            }
            flash.addFlashAttribute("error", describe(e));
        }
        return "redirect:/incidents/" + key;
    }

    @PostMapping("/incidents/{key}/entries/{entryId}/pin")
    @PreAuthorize(ACT)
    String pin(
            @PathVariable String key,
            @PathVariable long entryId,
            @RequestParam boolean pinned,
            RedirectAttributes flash) {
        return act(key, flash, () -> {
            incidents.pin(key, entryId, pinned);
            return null;
        });
    }

    private String act(String key, RedirectAttributes flash, Supplier<Object> action) {
        try {
            action.get();
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("error", describe(e));
        } catch (ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/incidents/" + key;
    }

    /** "Titre : ne doit pas être vide": the field's label and the message, in the viewer's language. */
    private String describe(InvalidInputException e) {
        Locale locale = LocaleContextHolder.getLocale();
        String message = messages.getMessage(e.resolvable(), locale);
        if (e.field() == null) {
            return message;
        }
        String label = messages.getMessage("incident.field." + e.field(), null, e.field(), locale);
        return messages.getMessage("validation.field", new Object[] {label, message}, locale);
    }

    private static Severity severity(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return Enums.parse(Severity.class, value, "severity");
    }
}
