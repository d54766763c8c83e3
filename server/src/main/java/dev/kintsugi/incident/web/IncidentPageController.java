package dev.kintsugi.incident.web;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.incident.ClosureReason;
import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.IncidentRole;
import dev.kintsugi.incident.IncidentStatus;
import dev.kintsugi.incident.IncidentView;
import dev.kintsugi.incident.Milestone;
import dev.kintsugi.incident.Severity;
import dev.kintsugi.incident.SeverityTexts;
import dev.kintsugi.incident.TimelineEntry;
import dev.kintsugi.incident.TimelineMessages;
import dev.kintsugi.platform.LiveUpdates;
import dev.kintsugi.platform.Markdown;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The live incident page: the page, its status panel and timeline fragments, and its event stream. */
@Controller
class IncidentPageController {
    private static final String READ = "hasRole('VIEWER')";

    private final IncidentManagement incidents;
    private final SeverityTexts severityTexts;
    private final TimelineMessages texts;
    private final CatalogManagement catalog;
    private final LiveUpdates live;
    private final Markdown markdown;
    private final IncidentPeople people;

    IncidentPageController(
            IncidentManagement incidents,
            SeverityTexts severityTexts,
            TimelineMessages texts,
            CatalogManagement catalog,
            LiveUpdates live,
            Markdown markdown,
            IncidentPeople people) {
        this.incidents = incidents;
        this.severityTexts = severityTexts;
        this.texts = texts;
        this.catalog = catalog;
        this.live = live;
        this.markdown = markdown;
        this.people = people;
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
        model.addAttribute("displayNames", people.displayNames());
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
        model.addAttribute("users", people.active());
        model.addAttribute("responders", people.responders());
        model.addAttribute("displayNames", people.displayNames());
        model.addAttribute("allServices", catalog.services());
        model.addAttribute(
                "serviceNames",
                incident.services().stream().map(IncidentView.ServiceRef::name).toList());
    }
}
