package dev.kintsugi.alerting.web;

import dev.kintsugi.alerting.AlertCatalog;
import dev.kintsugi.alerting.AlertDefinition;
import dev.kintsugi.alerting.AlertGroupView;
import dev.kintsugi.alerting.AlertGroups;
import dev.kintsugi.alerting.AlertPaging;
import dev.kintsugi.alerting.GroupStatus;
import dev.kintsugi.alerting.Integration;
import dev.kintsugi.alerting.Integrations;
import dev.kintsugi.alerting.persistence.AlertGroupRepository.Filter;
import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.catalog.Team;
import dev.kintsugi.oncall.Notifications;
import dev.kintsugi.oncall.PageView;
import dev.kintsugi.oncall.Paging;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.LiveUpdates;
import dev.kintsugi.platform.Markdown;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The alert pages: the live alert list and one alert (its runbook first), acknowledged and resolved from there.
 * Integrations, the catalog and silences have their own controllers under the same {@code /alerts} path.
 */
@Controller
@RequestMapping("/alerts")
class AlertPageController {
    private final AlertGroups groups;
    private final Integrations integrations;
    private final AlertCatalog definitions;
    private final CatalogManagement catalog;
    private final LiveUpdates live;
    private final Markdown markdown;
    private final Paging paging;
    private final Notifications notifications;

    AlertPageController(
            AlertGroups groups,
            Integrations integrations,
            AlertCatalog definitions,
            CatalogManagement catalog,
            LiveUpdates live,
            Markdown markdown,
            Paging paging,
            Notifications notifications) {
        this.paging = paging;
        this.notifications = notifications;
        this.groups = groups;
        this.integrations = integrations;
        this.definitions = definitions;
        this.catalog = catalog;
        this.live = live;
        this.markdown = markdown;
    }

    // ---- the list ----

    @GetMapping
    String list(
            @RequestParam(required = false) GroupStatus status,
            @RequestParam(required = false) String service,
            @RequestParam(required = false) String team,
            @RequestParam(required = false) String q,
            Model model) {
        rows(status, service, team, q, model);
        model.addAttribute("statuses", GroupStatus.values());
        model.addAttribute("services", catalog.services());
        model.addAttribute("teams", catalog.teams());
        return "alerting/list";
    }

    @GetMapping("/rows")
    String rowsFragment(
            @RequestParam(required = false) GroupStatus status,
            @RequestParam(required = false) String service,
            @RequestParam(required = false) String team,
            @RequestParam(required = false) String q,
            Model model) {
        rows(status, service, team, q, model);
        return "alerting/list :: rows";
    }

    private void rows(GroupStatus status, String service, String team, String q, Model model) {
        Long serviceId = PageLookups.blank(service)
                ? null
                : catalog.findService(service).map(CatalogService::id).orElse(-1L);
        Long teamId = PageLookups.blank(team)
                ? null
                : catalog.findTeam(team).map(Team::id).orElse(-1L);
        boolean openOnly = status == null && q == null && service == null && team == null;
        model.addAttribute("groups", groups.search(new Filter(status, openOnly, serviceId, teamId, null, q), 200));
        model.addAttribute("status", status);
        model.addAttribute("service", service);
        model.addAttribute("team", team);
        model.addAttribute("q", q);
        model.addAttribute("openOnly", openOnly);
        model.addAttribute("serviceNames", PageLookups.serviceNames(catalog));
    }

    @GetMapping(path = "/stream", produces = "text/event-stream")
    SseEmitter stream() {
        return live.subscribe("alerts:all");
    }

    // ---- one alert ----

    @GetMapping("/{id:\\d+}")
    String show(@PathVariable long id, Model model) {
        AlertGroupView g = groups.get(id);
        model.addAttribute("group", g);
        model.addAttribute("occurrences", groups.occurrences(id, 100));
        model.addAttribute("occurrenceCount", groups.occurrenceCount(id));
        model.addAttribute("serviceNames", PageLookups.serviceNames(catalog));
        model.addAttribute("teamNames", PageLookups.teamNames(catalog));
        Integration integration = integrations.get(g.integrationId());
        model.addAttribute("integration", integration);
        AlertDefinition d = definitions.find(g.definitionId()).orElse(null);
        model.addAttribute("definition", d);
        model.addAttribute("runbookHtml", d == null ? null : markdown.toHtml(d.runbook()));
        // the page about it (its incident's when it has one) and what was sent, skipped or cancelled, with why
        String[] subject = AlertPaging.pageSubject(g);
        PageView page = paging.latest(subject[0], subject[1]).orElse(null);
        model.addAttribute("alertPage", page);
        model.addAttribute("deliveries", page == null ? java.util.List.of() : notifications.log(page.id()));
        return "alerting/group";
    }

    @GetMapping(path = "/{id:\\d+}/stream", produces = "text/event-stream")
    SseEmitter groupStream(@PathVariable long id) {
        groups.get(id);
        return live.subscribe("alert:" + id);
    }

    @PostMapping("/{id:\\d+}/acknowledge")
    @PreAuthorize("hasRole('RESPONDER')")
    String acknowledge(@PathVariable long id, RedirectAttributes flash) {
        try {
            groups.acknowledge(id, null);
        } catch (ConflictException e) {
            flash.addFlashAttribute("problem", "alerting.group.refused");
        }
        return "redirect:/alerts/" + id;
    }

    @PostMapping("/{id:\\d+}/resolve")
    @PreAuthorize("hasRole('RESPONDER')")
    String resolve(@PathVariable long id) {
        groups.resolve(id, null);
        return "redirect:/alerts/" + id;
    }
}
