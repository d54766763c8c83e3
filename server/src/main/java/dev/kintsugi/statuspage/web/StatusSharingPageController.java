package dev.kintsugi.statuspage.web;

import dev.kintsugi.platform.KintsugiProperties;
import dev.kintsugi.statuspage.Audiences;
import dev.kintsugi.statuspage.PublicComponent;
import dev.kintsugi.statuspage.StatusPage;
import dev.kintsugi.statuspage.StatusPageProperties;
import dev.kintsugi.statuspage.StatusWebhooks;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /admin/status/sharing}: the audiences (secret links showing some components) and the signed webhooks.
 * A new or replaced audience link, and a new or rotated signing secret, are shown once: a flash attribute read
 * by the next page only; nothing stores them in clear.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class StatusSharingPageController {
    static final String PAGE = "redirect:/admin/status/sharing";
    private final StatusPage page;
    private final Audiences audiences;
    private final StatusWebhooks webhooks;
    private final StatusPageProperties properties;
    private final KintsugiProperties kintsugi;
    private final StatusFormActions forms;

    StatusSharingPageController(
            StatusPage page,
            Audiences audiences,
            StatusWebhooks webhooks,
            StatusPageProperties properties,
            KintsugiProperties kintsugi,
            StatusFormActions forms) {
        this.page = page;
        this.audiences = audiences;
        this.webhooks = webhooks;
        this.properties = properties;
        this.kintsugi = kintsugi;
        this.forms = forms;
    }

    /** What is shown once: which item, what (the link or the secret). */
    record Shown(String kind, long id, String value) {}

    @GetMapping("/admin/status/sharing")
    String show(Model model) {
        List<PublicComponent> components = page.components();
        model.addAttribute("components", components);
        model.addAttribute(
                "componentNames",
                components.stream().collect(Collectors.toMap(PublicComponent::serviceId, PublicComponent::name)));
        model.addAttribute("audiences", audiences.list());
        model.addAttribute("webhooks", webhooks.list());
        model.addAttribute("adminTab", "status");
        return "statuspage/sharing";
    }

    @PostMapping("/admin/status/audiences")
    String createAudience(
            @RequestParam(required = false) String name,
            @RequestParam(required = false) List<String> services,
            RedirectAttributes flash) {
        return shown(flash, "audience", () -> {
            var a = audiences.create(name, services == null ? List.of() : services);
            return new Shown("audience", a.id(), properties.base(kintsugi) + a.link());
        });
    }

    @PostMapping("/admin/status/audiences/{id}/link")
    String rotateAudience(@PathVariable long id, RedirectAttributes flash) {
        return shown(flash, "audience", () -> {
            var a = audiences.rotate(id);
            return new Shown("audience", a.id(), properties.base(kintsugi) + a.link());
        });
    }

    @PostMapping("/admin/status/audiences/{id}/delete")
    String deleteAudience(@PathVariable long id, RedirectAttributes flash) {
        return forms.run(PAGE, flash, "statuspage.sharing.deleted", () -> audiences.delete(id));
    }

    @PostMapping("/admin/status/webhooks")
    String addWebhook(
            @RequestParam(required = false) String url,
            @RequestParam(required = false) String secret,
            @RequestParam(required = false) List<String> services,
            RedirectAttributes flash) {
        return shown(flash, "webhook", () -> {
            var w = webhooks.add(url, secret, services == null ? List.of() : services);
            return new Shown("webhook", w.id(), w.secret());
        });
    }

    @PostMapping("/admin/status/webhooks/{id}/secret")
    String rotateSecret(@PathVariable long id, RedirectAttributes flash) {
        return shown(flash, "webhook", () -> {
            var w = webhooks.rotateSecret(id);
            return new Shown("webhook", w.id(), w.secret());
        });
    }

    @PostMapping("/admin/status/webhooks/{id}/delete")
    String deleteWebhook(@PathVariable long id, RedirectAttributes flash) {
        return forms.run(PAGE, flash, "statuspage.sharing.deleted", () -> webhooks.remove(id));
    }

    private String shown(RedirectAttributes flash, String kind, Supplier<Shown> action) {
        return forms.run(
                PAGE,
                flash,
                "statuspage.sharing." + kind + ".shown",
                () -> flash.addFlashAttribute("shown", action.get()));
    }
}
