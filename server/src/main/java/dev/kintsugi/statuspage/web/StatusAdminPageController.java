package dev.kintsugi.statuspage.web;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.platform.Enums;
import dev.kintsugi.platform.Times;
import dev.kintsugi.statuspage.ComponentState;
import dev.kintsugi.statuspage.PublicComponent;
import dev.kintsugi.statuspage.StatusPage;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** {@code /admin/status}: which services are public components, their public names, overrides, maintenance. */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class StatusAdminPageController {
    static final String PAGE = "redirect:/admin/status";
    private final StatusPage page;
    private final CatalogManagement catalog;
    private final Times times;
    private final StatusFormActions forms;

    StatusAdminPageController(StatusPage page, CatalogManagement catalog, Times times, StatusFormActions forms) {
        this.page = page;
        this.catalog = catalog;
        this.times = times;
        this.forms = forms;
    }

    @GetMapping("/admin/status")
    String show(Model model) {
        Map<Long, PublicComponent> components =
                page.components().stream().collect(Collectors.toMap(PublicComponent::serviceId, Function.identity()));
        List<CatalogService> services = catalog.services();
        model.addAttribute("services", services);
        model.addAttribute("components", components);
        model.addAttribute("maintenances", page.maintenances());
        model.addAttribute("states", ComponentState.values());
        model.addAttribute(
                "serviceNames", services.stream().collect(Collectors.toMap(CatalogService::id, CatalogService::name)));
        model.addAttribute("adminTab", "status");
        return "statuspage/admin";
    }

    @PostMapping("/admin/status/components/{service}")
    String configure(
            @PathVariable String service,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String group,
            @RequestParam(required = false) String description,
            @RequestParam(required = false) Integer position,
            @RequestParam(required = false) Long version,
            RedirectAttributes flash) {
        return act(
                flash,
                () -> page.configure(
                        service, new StatusPage.ComponentDraft(group, name, description, position), version));
    }

    @PostMapping("/admin/status/components/{service}/override")
    String override(
            @PathVariable String service,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String until,
            @RequestParam(required = false) Long version,
            RedirectAttributes flash) {
        return act(
                flash,
                () -> page.override(
                        service,
                        state == null || state.isBlank() ? null : Enums.parse(ComponentState.class, state, "state"),
                        times.parseInput(until, "until"),
                        version));
    }

    @PostMapping("/admin/status/components/{service}/remove")
    String remove(
            @PathVariable String service, @RequestParam(required = false) Long version, RedirectAttributes flash) {
        return act(flash, () -> page.remove(service, version));
    }

    @PostMapping("/admin/status/maintenances")
    String plan(
            @RequestParam(required = false) String title,
            @RequestParam(required = false) String body,
            @RequestParam(required = false) String startsAt,
            @RequestParam(required = false) String endsAt,
            @RequestParam(required = false) List<String> services,
            RedirectAttributes flash) {
        return act(
                flash,
                () -> page.plan(
                        title,
                        body,
                        times.parseInput(startsAt, "startsAt"),
                        times.parseInput(endsAt, "endsAt"),
                        services == null ? List.of() : services));
    }

    @PostMapping("/admin/status/maintenances/{id}/cancel")
    String cancel(@PathVariable long id, RedirectAttributes flash) {
        return act(flash, () -> page.cancel(id));
    }

    private String act(RedirectAttributes flash, Runnable action) {
        return forms.run(PAGE, flash, "statuspage.admin.saved", action);
    }
}
