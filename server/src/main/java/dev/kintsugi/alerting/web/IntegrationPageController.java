package dev.kintsugi.alerting.web;

import dev.kintsugi.alerting.CreatedIntegration;
import dev.kintsugi.alerting.Integration;
import dev.kintsugi.alerting.Integrations;
import dev.kintsugi.alerting.NewIntegration;
import dev.kintsugi.alerting.RoutingAction;
import dev.kintsugi.alerting.SourceType;
import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.KintsugiProperties;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The integrations page: create one (its key and signing secret shown once), rotate its key, disable it.
 */
@Controller
@RequestMapping("/alerts")
class IntegrationPageController {
    private final Integrations integrations;
    private final CatalogManagement catalog;
    private final KintsugiProperties properties;

    IntegrationPageController(Integrations integrations, CatalogManagement catalog, KintsugiProperties properties) {
        this.integrations = integrations;
        this.catalog = catalog;
        this.properties = properties;
    }

    // ---- integrations ----

    @GetMapping("/integrations")
    String integrations(Model model) {
        return integrationsPage(model, new IntegrationForm(), null);
    }

    @PostMapping("/integrations")
    @PreAuthorize("hasRole('RESPONDER')")
    String createIntegration(@ModelAttribute("form") IntegrationForm form, BindingResult errors, Model model) {
        if (errors.hasErrors()) {
            return integrationsPage(model, form, null);
        }
        try {
            String[] owner =
                    form.getOwner() == null ? new String[0] : form.getOwner().split(":", 2);
            String service = owner.length == 2 && owner[0].equals("service") ? owner[1] : null;
            String team = owner.length == 2 && owner[0].equals("team") ? owner[1] : null;
            SourceType type = PageLookups.blank(form.getSourceType()) ? null : SourceType.valueOf(form.getSourceType());
            RoutingAction routing =
                    PageLookups.blank(form.getRouting()) ? null : RoutingAction.valueOf(form.getRouting());
            CreatedIntegration c = integrations.create(new NewIntegration(
                    form.getName(), type, service, team, form.isSigned(), form.getMapping(), routing, null));
            return integrationsPage(model, new IntegrationForm(), c);
        } catch (InvalidInputException e) {
            String field = e.field() != null && e.field().startsWith("mapping") ? "mapping" : e.field();
            if (List.of("service", "team").contains(field)) {
                field = "owner";
            }
            if (!List.of("name", "sourceType", "owner", "mapping", "signed").contains(field)) {
                field = "name";
            }
            errors.rejectValue(field, e.code() == null ? "alerting.invalid" : e.code(), e.args(), e.getMessage());
        } catch (IllegalArgumentException e) {
            errors.rejectValue("sourceType", "alerting.invalid", e.getMessage());
        } catch (AccessDeniedException e) {
            errors.rejectValue("owner", "alerting.integration.not-yours", "not your team's");
        }
        return integrationsPage(model, form, null);
    }

    @PostMapping("/integrations/{id}/rotate")
    @PreAuthorize("hasRole('RESPONDER')")
    String rotate(@PathVariable long id, Model model) {
        return integrationsPage(model, new IntegrationForm(), integrations.rotate(id, null));
    }

    @PostMapping("/integrations/{id}/disable")
    @PreAuthorize("hasRole('RESPONDER')")
    String disable(@PathVariable long id) {
        integrations.disable(id, null);
        return "redirect:/alerts/integrations";
    }

    private String integrationsPage(Model model, IntegrationForm form, CreatedIntegration created) {
        model.addAttribute("form", form);
        model.addAttribute("created", created);
        model.addAttribute(
                "createdEndpoint",
                created == null
                        ? null
                        : IntegrationApiController.endpoint(
                                created.integration().sourceType()));
        model.addAttribute("baseUrl", properties.baseUrl());
        List<Integration> all = integrations.list();
        model.addAttribute("integrations", all);
        Map<Long, Boolean> manageable = new HashMap<>();
        all.forEach(i -> manageable.put(i.id(), integrations.mayManage(i)));
        model.addAttribute("manageable", manageable);
        model.addAttribute("owners", integrations.ownerNames());
        model.addAttribute("types", SourceType.values());
        model.addAttribute("routings", RoutingAction.values());
        model.addAttribute("services", catalog.services());
        model.addAttribute("teams", catalog.teams());
        return "alerting/integrations";
    }
}
