package dev.kintsugi.incident.web;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.IncidentQuery;
import dev.kintsugi.incident.IncidentStatus;
import dev.kintsugi.incident.Severity;
import dev.kintsugi.platform.PageResult;
import dev.kintsugi.platform.Times;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The incident lists: the dashboard and the incident list with its filters. */
@Controller
class IncidentListPageController {
    private static final String READ = "hasRole('VIEWER')";

    private final IncidentManagement incidents;
    private final CatalogManagement catalog;
    private final Times times;
    private final MessageSource messages;
    private final IncidentPeople people;

    IncidentListPageController(
            IncidentManagement incidents,
            CatalogManagement catalog,
            Times times,
            MessageSource messages,
            IncidentPeople people) {
        this.incidents = incidents;
        this.catalog = catalog;
        this.times = times;
        this.messages = messages;
        this.people = people;
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
        model.addAttribute("displayNames", people.displayNames());
        return "incident/list";
    }
}
