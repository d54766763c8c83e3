package dev.kintsugi.statuspage.web;

import dev.kintsugi.platform.Enums;
import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.postmortem.Postmortem;
import dev.kintsugi.postmortem.PostmortemManagement;
import dev.kintsugi.statuspage.PublicIncidents;
import dev.kintsugi.statuspage.UpdateStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * The status-page cards' forms: on the incident page, publish a public update and save the public summary; on the
 * post-mortem page, the public summary. The facade checks the user's right (the incident's communications lead or
 * an admin; for the summary also the post-mortem's facilitator); the answer goes back to the page.
 */
@Controller
class PublicUpdatePageController {
    private final PublicIncidents page;
    private final PostmortemManagement postmortems;
    private final StatusFormActions forms;

    PublicUpdatePageController(PublicIncidents page, PostmortemManagement postmortems, StatusFormActions forms) {
        this.page = page;
        this.postmortems = postmortems;
        this.forms = forms;
    }

    @PostMapping("/statuspage/incidents/{key}/updates")
    @PreAuthorize("hasRole('RESPONDER')")
    String publish(
            @PathVariable String key,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String title,
            @RequestParam(required = false) String body,
            @RequestParam(defaultValue = "false") boolean templated,
            RedirectAttributes flash) {
        return forms.run(
                incidentPage(key),
                flash,
                "statuspage.card.published.ok",
                () -> page.publish(key, Enums.parse(UpdateStatus.class, status, "status"), title, body, templated));
    }

    @PostMapping("/statuspage/incidents/{key}/summary")
    @PreAuthorize("hasRole('RESPONDER')")
    String summary(
            @PathVariable String key,
            @RequestParam(required = false) String summary,
            @RequestParam(required = false) Long version,
            RedirectAttributes flash) {
        return forms.run(
                incidentPage(key), flash, "statuspage.card.summary.ok", () -> page.summarise(key, summary, version));
    }

    @PostMapping("/statuspage/postmortems/{id}/summary")
    @PreAuthorize("hasRole('RESPONDER')")
    String postmortemSummary(
            @PathVariable long id,
            @RequestParam(required = false) String summary,
            @RequestParam(required = false) Long version,
            RedirectAttributes flash) {
        Postmortem pm = postmortems.get(id); // as the viewer: 404 when hidden
        if (pm.incidentKey() == null) {
            throw new NotFoundException("Post-mortem of an incident", pm.key());
        }
        return forms.run(
                "redirect:/postmortems/" + id + "#public-summary-card",
                flash,
                "statuspage.card.summary.ok",
                () -> page.summarise(pm.incidentKey(), summary, version));
    }

    private static String incidentPage(String key) {
        return "redirect:/incidents/" + UriUtils.encodePathSegment(key, "UTF-8") + "#status-page-card";
    }
}
