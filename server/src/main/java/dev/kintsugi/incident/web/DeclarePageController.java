package dev.kintsugi.incident.web;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.incident.DeclareIncident;
import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.IncidentView;
import dev.kintsugi.incident.Severity;
import dev.kintsugi.incident.SeverityTexts;
import dev.kintsugi.platform.Enums;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.Times;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The declare screen: the form and the declaration, the form shown again with the refusal. */
@Controller
class DeclarePageController {
    private static final String ACT = "hasRole('RESPONDER')";

    private final IncidentManagement incidents;
    private final SeverityTexts severityTexts;
    private final CatalogManagement catalog;
    private final Times times;
    private final IncidentPeople people;
    private final dev.kintsugi.platform.InputErrors inputErrors;

    DeclarePageController(
            IncidentManagement incidents,
            SeverityTexts severityTexts,
            CatalogManagement catalog,
            Times times,
            IncidentPeople people,
            dev.kintsugi.platform.InputErrors inputErrors) {
        this.incidents = incidents;
        this.severityTexts = severityTexts;
        this.catalog = catalog;
        this.times = times;
        this.people = people;
        this.inputErrors = inputErrors;
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
            model.addAttribute("errorMessage", inputErrors.describe(e, "incident.field."));
            return "incident/declare";
        }
    }

    private void formModel(Model model) {
        model.addAttribute("severities", Severity.values());
        model.addAttribute("severityDescriptions", severityTexts.all());
        model.addAttribute("services", catalog.services());
        model.addAttribute("responders", people.responders());
    }

    static Severity severity(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return Enums.parse(Severity.class, value, "severity");
    }
}
