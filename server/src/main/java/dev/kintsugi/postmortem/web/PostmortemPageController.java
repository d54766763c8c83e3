package dev.kintsugi.postmortem.web;

import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.Enums;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.Markdown;
import dev.kintsugi.platform.Role;
import dev.kintsugi.platform.UserManagement;
import dev.kintsugi.postmortem.FieldDiff;
import dev.kintsugi.postmortem.Image;
import dev.kintsugi.postmortem.Origin;
import dev.kintsugi.postmortem.Postmortem;
import dev.kintsugi.postmortem.PostmortemComments;
import dev.kintsugi.postmortem.PostmortemContent;
import dev.kintsugi.postmortem.PostmortemDrafts;
import dev.kintsugi.postmortem.PostmortemEditing;
import dev.kintsugi.postmortem.PostmortemImages;
import dev.kintsugi.postmortem.PostmortemManagement;
import dev.kintsugi.postmortem.PostmortemPublication;
import dev.kintsugi.postmortem.PostmortemStatus;
import dev.kintsugi.postmortem.PostmortemTimeline;
import dev.kintsugi.postmortem.TimelineItem;
import dev.kintsugi.postmortem.chatimport.ChatFormat;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Starting and reading one post-mortem (its page, images, revisions, diffs). Editing is {@link
 * PostmortemEditPageController}'s, the actions on its page {@link PostmortemActionsPageController}'s; the library
 * and countermeasure pages live beside them.
 */
@Controller
class PostmortemPageController {
    private static final String READ = "hasRole('VIEWER')";
    private static final String WRITE = "hasRole('RESPONDER')";
    /** The Markdown fields, in the order a post-mortem reads. */
    static final List<String> TEXT_FIELDS =
            List.of("summary", "customerImpact", "wentWell", "wasHard", "gotLucky", "detection");

    private final PostmortemManagement postmortems;
    private final dev.kintsugi.postmortem.TimelineTexts timelineTexts;
    private final PostmortemDrafts drafts;
    private final PostmortemEditing editing;
    private final PostmortemPublication publication;
    private final PostmortemTimeline timeline;
    private final PostmortemComments comments;
    private final PostmortemImages images;
    private final IncidentManagement incidents;
    private final UserManagement users;
    private final Markdown markdown;

    PostmortemPageController(
            PostmortemManagement postmortems,
            PostmortemDrafts drafts,
            PostmortemEditing editing,
            PostmortemPublication publication,
            PostmortemTimeline timeline,
            PostmortemComments comments,
            PostmortemImages images,
            IncidentManagement incidents,
            UserManagement users,
            Markdown markdown,
            dev.kintsugi.postmortem.TimelineTexts timelineTexts) {
        this.timelineTexts = timelineTexts;
        this.postmortems = postmortems;
        this.drafts = drafts;
        this.editing = editing;
        this.publication = publication;
        this.timeline = timeline;
        this.comments = comments;
        this.images = images;
        this.incidents = incidents;
        this.users = users;
        this.markdown = markdown;
    }

    // ---- starting ----

    @GetMapping("/postmortems/new")
    @PreAuthorize(WRITE)
    String newForm(@RequestParam(required = false) String incident, Model model) {
        if (incident != null && !incident.isBlank()) {
            var view = incidents.get(incident);
            var existing = postmortems.findForIncident(view.id());
            if (existing.isPresent()) {
                return "redirect:/postmortems/" + existing.get().id();
            }
            model.addAttribute("incident", view);
        }
        model.addAttribute(
                "origins",
                Arrays.stream(Origin.values()).filter(o -> o != Origin.INCIDENT).toList());
        return "postmortem/new";
    }

    /** The "start a post-mortem" form: for an incident, or an origin, title and severity. */
    record StartForm(String incident, String origin, String title, String severity, String privateReview) {}

    @PostMapping("/postmortems")
    @PreAuthorize(WRITE)
    String start(@ModelAttribute StartForm form, Model model) {
        try {
            Postmortem pm = form.incident() != null && !form.incident().isBlank()
                    ? drafts.draftFor(incidents.get(form.incident()).id())
                    : drafts.start(
                            Enums.parse(Origin.class, form.origin(), "origin"),
                            form.title(),
                            form.severity(),
                            "true".equals(form.privateReview()));
            return "redirect:/postmortems/" + pm.id() + "/edit";
        } catch (InvalidInputException e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute(
                    "origins",
                    Arrays.stream(Origin.values())
                            .filter(o -> o != Origin.INCIDENT)
                            .toList());
            return "postmortem/new";
        }
    }

    /** "Start a post-mortem" from a chaos run whose steady state deviated (its run page offers it). */
    @PostMapping("/postmortems/from-chaos-run/{runId}")
    @PreAuthorize(WRITE)
    String fromChaosRun(@PathVariable long runId) {
        return "redirect:/postmortems/" + drafts.draftForChaosRun(runId).id() + "/edit";
    }

    // ---- reading ----

    @GetMapping("/postmortems/{id}")
    @PreAuthorize(READ)
    String view(@PathVariable long id, Model model) {
        Postmortem pm = postmortems.get(id);
        model.addAttribute("pm", pm);
        model.addAttribute("editable", Actor.hasRole(Role.RESPONDER) && pm.status() != PostmortemStatus.PUBLISHED);
        model.addAttribute("html", renderText(markdown, pm.content()));
        model.addAttribute(
                "factorsHtml",
                pm.content().factors().stream()
                        .map(f -> markdown.toHtml(f.description()))
                        .toList());
        var text = timelineTexts.forViewer();
        model.addAttribute(
                "timeline",
                (Actor.hasRole(Role.RESPONDER) ? timeline.timeline(id) : timeline.keptTimeline(id))
                        .stream()
                                .map(e -> {
                                    String said = text.apply(e);
                                    return new EntryView(e, said, markdown.toHtml(said));
                                })
                                .toList());
        model.addAttribute("comments", comments.comments(id));
        model.addAttribute("reviews", publication.reviews(id));
        model.addAttribute("requiredApprovals", publication.requiredApprovals());
        model.addAttribute("images", images.images(id));
        model.addAttribute("revisions", editing.revisions(id));
        model.addAttribute(
                "findings", pm.status() == PostmortemStatus.DRAFT ? publication.languageFindings(id) : List.of());
        model.addAttribute("displayNames", displayNames());
        model.addAttribute("formats", ChatFormat.values());
        model.addAttribute("fields", TEXT_FIELDS);
        model.addAttribute("missingMilestones", missingMilestones(pm));
        return "postmortem/view";
    }

    /** What the post-mortem's incident lacks for its figures (insights' data quality), asked for before review. */
    private List<dev.kintsugi.incident.Milestone> missingMilestones(Postmortem pm) {
        if (pm.incidentId() == null || pm.status() == PostmortemStatus.PUBLISHED) {
            return List.of();
        }
        try {
            return publication.missingMilestones(incidents.get(pm.incidentId()).milestones());
        } catch (dev.kintsugi.platform.NotFoundException e) {
            return List.of();
        }
    }

    /** A timeline entry with its text in the viewer's language and that text's Markdown rendered. */
    record EntryView(TimelineItem entry, String text, String html) {}

    static Map<String, String> renderText(Markdown markdown, PostmortemContent c) {
        Map<String, String> html = new LinkedHashMap<>();
        Map<String, String> text = c.textFields();
        for (String f : TEXT_FIELDS) {
            html.put(f, text.get(f) == null ? null : markdown.toHtml(text.get(f)));
        }
        return html;
    }

    @GetMapping("/postmortems/{id}/images/{imageId}")
    @PreAuthorize(READ)
    ResponseEntity<byte[]> image(@PathVariable long id, @PathVariable long imageId) {
        Image image = images.image(id, imageId);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(image.contentType()))
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofHours(1)).cachePrivate())
                .header(
                        "Content-Disposition",
                        "inline; filename=\"" + image.filename().replace("\"", "") + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .body(image.data());
    }

    @GetMapping("/postmortems/{id}/revisions/{number}")
    @PreAuthorize(READ)
    String revision(@PathVariable long id, @PathVariable int number, Model model) {
        Postmortem pm = postmortems.get(id);
        PostmortemContent content = editing.revision(id, number);
        model.addAttribute("pm", pm);
        model.addAttribute("number", number);
        model.addAttribute("revision", content);
        model.addAttribute("html", renderText(markdown, content));
        model.addAttribute("fields", TEXT_FIELDS);
        return "postmortem/revision";
    }

    @GetMapping("/postmortems/{id}/diff")
    @PreAuthorize(READ)
    String diff(@PathVariable long id, @RequestParam int from, @RequestParam int to, Model model) {
        List<FieldDiff> diffs = editing.diff(id, from, to);
        model.addAttribute("pm", postmortems.get(id));
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("diffs", diffs);
        model.addAttribute("revisions", editing.revisions(id));
        return "postmortem/diff";
    }

    private Map<String, String> displayNames() {
        Map<String, String> names = new LinkedHashMap<>();
        users.list().forEach(u -> names.put(u.username(), u.displayName()));
        return names;
    }
}
