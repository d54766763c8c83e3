package dev.kintsugi.insights.web;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.platform.InputErrors;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.postmortem.Origin;
import dev.kintsugi.postmortem.Postmortem;
import dev.kintsugi.postmortem.PostmortemContent;
import dev.kintsugi.postmortem.PostmortemDrafts;
import dev.kintsugi.postmortem.PostmortemEditing;
import java.util.Arrays;
import java.util.List;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Start a post-mortem for this pattern": calls the post-mortem module's facade directly (a standalone near-miss
 * draft naming the pattern's services, with the evidence in its summary) and opens its editor. The post-mortem
 * then addresses the pattern, so the signal leaves the dashboard.
 */
@Controller
class WeakSignalPageController {
    private final PostmortemDrafts drafts;
    private final PostmortemEditing editing;
    private final CatalogManagement catalog;
    private final MessageSource messages;
    private final InputErrors errors;

    WeakSignalPageController(
            PostmortemDrafts drafts,
            PostmortemEditing editing,
            CatalogManagement catalog,
            MessageSource messages,
            InputErrors errors) {
        this.drafts = drafts;
        this.editing = editing;
        this.catalog = catalog;
        this.messages = messages;
        this.errors = errors;
    }

    @PostMapping("/insights/weak-signals/postmortem")
    @PreAuthorize("hasRole('RESPONDER')")
    String start(
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String services,
            @RequestParam(required = false) String evidence,
            @RequestParam(required = false) Long count,
            RedirectAttributes flash) {
        try {
            if (!"LOW_SEVERITY".equals(kind) && !"ALERT".equals(kind)) {
                throw new InvalidInputException("kind", "insights.validation.kind", "must be LOW_SEVERITY or ALERT");
            }
            List<String> names = services == null
                    ? List.of()
                    : Arrays.stream(services.split(","))
                            .map(String::trim)
                            .filter(s -> !s.isEmpty() && catalog.findService(s).isPresent())
                            .distinct()
                            .toList();
            String what = evidence == null ? "" : evidence.trim();
            String title = clip(
                    messages.getMessage(
                            "insights.weak.postmortemTitle",
                            new Object[] {String.join(", ", names), what},
                            LocaleContextHolder.getLocale()),
                    200);
            Postmortem p = drafts.start(Origin.NEAR_MISS, title, null, false);
            PostmortemContent c = p.content();
            String summary = "LOW_SEVERITY".equals(kind)
                    ? messages.getMessage(
                                    "insights.weak.lowSeverity",
                                    new Object[] {count == null ? 0 : count},
                                    LocaleContextHolder.getLocale())
                            + ": " + what
                    : messages.getMessage(
                            "insights.weak.alert",
                            new Object[] {what, count == null ? 0 : count},
                            LocaleContextHolder.getLocale());
            editing.update(
                    p.id(),
                    p.revision(),
                    new PostmortemContent(
                            c.title(),
                            c.severity(),
                            c.scheduled(),
                            c.facilitator(),
                            c.owner(),
                            clip(summary, 5000),
                            c.customerImpact(),
                            c.wentWell(),
                            c.wasHard(),
                            c.gotLucky(),
                            c.detection(),
                            c.participants(),
                            c.tags(),
                            names,
                            c.factors(),
                            c.decisions(),
                            c.links()));
            return "redirect:/postmortems/" + p.id() + "/edit";
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("error", errors.message(e));
            return "redirect:/";
        }
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
