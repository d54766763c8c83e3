package dev.kintsugi.postmortem.web;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.Enums;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.Markdown;
import dev.kintsugi.platform.PayloadTooLargeException;
import dev.kintsugi.platform.Times;
import dev.kintsugi.platform.UserAccount;
import dev.kintsugi.platform.UserManagement;
import dev.kintsugi.postmortem.BlamelessReview;
import dev.kintsugi.postmortem.EntrySource;
import dev.kintsugi.postmortem.FactorCategory;
import dev.kintsugi.postmortem.FieldDiff;
import dev.kintsugi.postmortem.Image;
import dev.kintsugi.postmortem.LinkKind;
import dev.kintsugi.postmortem.Origin;
import dev.kintsugi.postmortem.Postmortem;
import dev.kintsugi.postmortem.PostmortemContent;
import dev.kintsugi.postmortem.PostmortemManagement;
import dev.kintsugi.postmortem.PostmortemProperties;
import dev.kintsugi.postmortem.PostmortemStatus;
import dev.kintsugi.postmortem.TimelineItem;
import dev.kintsugi.postmortem.chatimport.ChatFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Writing, reading and reviewing one post-mortem. The library and countermeasure pages live beside it. */
@Controller
class PostmortemPageController {
    private static final String READ = "hasRole('VIEWER')";
    private static final String WRITE = "hasRole('RESPONDER')";
    /** The Markdown fields, in the order a post-mortem reads. */
    static final List<String> TEXT_FIELDS =
            List.of("summary", "customerImpact", "wentWell", "wasHard", "gotLucky", "detection");

    private final PostmortemManagement postmortems;
    private final IncidentManagement incidents;
    private final CatalogManagement catalog;
    private final UserManagement users;
    private final BlamelessReview review;
    private final Markdown markdown;
    private final Times times;
    private final PostmortemProperties properties;

    PostmortemPageController(
            PostmortemManagement postmortems,
            IncidentManagement incidents,
            CatalogManagement catalog,
            UserManagement users,
            BlamelessReview review,
            Markdown markdown,
            Times times,
            PostmortemProperties properties) {
        this.postmortems = postmortems;
        this.incidents = incidents;
        this.catalog = catalog;
        this.users = users;
        this.review = review;
        this.markdown = markdown;
        this.times = times;
        this.properties = properties;
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

    @PostMapping("/postmortems")
    @PreAuthorize(WRITE)
    String start(
            @RequestParam(required = false) String incident,
            @RequestParam(required = false) String origin,
            @RequestParam(required = false) String title,
            @RequestParam(required = false) String severity,
            @RequestParam(defaultValue = "false") boolean privateReview,
            Model model) {
        try {
            Postmortem pm = incident != null && !incident.isBlank()
                    ? postmortems.draftFor(incidents.get(incident).id())
                    : postmortems.start(Enums.parse(Origin.class, origin, "origin"), title, severity, privateReview);
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

    // ---- reading ----

    @GetMapping("/postmortems/{id}")
    @PreAuthorize(READ)
    String view(@PathVariable long id, Model model) {
        Postmortem pm = postmortems.get(id);
        model.addAttribute("pm", pm);
        model.addAttribute("html", renderText(pm.content()));
        model.addAttribute(
                "factorsHtml",
                pm.content().factors().stream()
                        .map(f -> markdown.toHtml(f.description()))
                        .toList());
        model.addAttribute(
                "timeline",
                postmortems.timeline(id).stream()
                        .map(e -> new EntryView(e, markdown.toHtml(e.body())))
                        .toList());
        model.addAttribute("comments", postmortems.comments(id));
        model.addAttribute("images", postmortems.images(id));
        model.addAttribute("revisions", postmortems.revisions(id));
        model.addAttribute(
                "findings", pm.status() == PostmortemStatus.DRAFT ? postmortems.languageFindings(id) : List.of());
        model.addAttribute("displayNames", displayNames());
        model.addAttribute("formats", ChatFormat.values());
        model.addAttribute("fields", TEXT_FIELDS);
        return "postmortem/view";
    }

    /** A timeline entry with its Markdown rendered. */
    record EntryView(TimelineItem entry, String html) {}

    private Map<String, String> renderText(PostmortemContent c) {
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
        Image image = postmortems.image(id, imageId);
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
        PostmortemContent content = postmortems.revision(id, number);
        model.addAttribute("pm", pm);
        model.addAttribute("number", number);
        model.addAttribute("revision", content);
        model.addAttribute("html", renderText(content));
        model.addAttribute("fields", TEXT_FIELDS);
        return "postmortem/revision";
    }

    @GetMapping("/postmortems/{id}/diff")
    @PreAuthorize(READ)
    String diff(@PathVariable long id, @RequestParam int from, @RequestParam int to, Model model) {
        List<FieldDiff> diffs = postmortems.diff(id, from, to);
        model.addAttribute("pm", postmortems.get(id));
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("diffs", diffs);
        model.addAttribute("revisions", postmortems.revisions(id));
        return "postmortem/diff";
    }

    // ---- writing ----

    @GetMapping("/postmortems/{id}/edit")
    @PreAuthorize(WRITE)
    String edit(@PathVariable long id, Model model) {
        Postmortem pm = postmortems.get(id);
        editModel(model, pm, pm.content(), pm.revision());
        return "postmortem/edit";
    }

    private void editModel(Model model, Postmortem pm, PostmortemContent content, int basedOn) {
        model.addAttribute("pm", pm);
        model.addAttribute("c", content);
        model.addAttribute("basedOn", basedOn);
        model.addAttribute("fields", TEXT_FIELDS);
        model.addAttribute("text", content.textFields());
        model.addAttribute(
                "users", users.list().stream().filter(UserAccount::enabled).toList());
        model.addAttribute("services", catalog.services());
        model.addAttribute("categories", FactorCategory.values());
        model.addAttribute("linkKinds", LinkKind.values());
        model.addAttribute("factors", withBlank(content.factors(), new PostmortemContent.Factor(null, "")));
        model.addAttribute("decisions", withBlank(content.decisions(), new PostmortemContent.Decision("", "", null)));
        model.addAttribute("links", withBlank(content.links(), new PostmortemContent.Link(null, "", "")));
    }

    private static <T> List<T> withBlank(List<T> items, T blank) {
        List<T> all = new ArrayList<>(items);
        all.add(blank);
        return all;
    }

    @PostMapping("/postmortems/{id}/edit")
    @PreAuthorize(WRITE)
    String save(
            @PathVariable long id,
            @RequestParam Map<String, String> single,
            @RequestParam org.springframework.util.MultiValueMap<String, String> form,
            Model model,
            RedirectAttributes flash,
            jakarta.servlet.http.HttpServletResponse response) {
        PostmortemContent content = fromForm(form);
        Integer basedOn = parseInt(single.get("basedOn"));
        try {
            postmortems.update(id, basedOn, content);
            flash.addFlashAttribute("saved", true);
            return "redirect:/postmortems/" + id;
        } catch (InvalidInputException | ConflictException e) {
            response.setStatus(e instanceof ConflictException ? 409 : 400);
            Postmortem pm = postmortems.get(id);
            editModel(model, pm, content, basedOn == null ? pm.revision() : basedOn);
            model.addAttribute("error", e.getMessage());
            model.addAttribute("errorField", e instanceof InvalidInputException i ? i.field() : null);
            return "postmortem/edit";
        }
    }

    static PostmortemContent fromForm(org.springframework.util.MultiValueMap<String, String> form) {
        List<PostmortemContent.Factor> factors = new ArrayList<>();
        for (int i = 0; form.containsKey("factorDescription_" + i); i++) {
            String d = form.getFirst("factorDescription_" + i);
            if (d != null && !d.isBlank()) {
                String cat = form.getFirst("factorCategory_" + i);
                factors.add(new PostmortemContent.Factor(
                        cat == null || cat.isBlank()
                                ? null
                                : Enums.parse(FactorCategory.class, cat, "factors[" + factors.size() + "].category"),
                        d));
            }
        }
        List<PostmortemContent.Decision> decisions = new ArrayList<>();
        List<String> what = form.getOrDefault("decision", List.of());
        List<String> why = form.getOrDefault("decisionWhy", List.of());
        for (int i = 0; i < what.size(); i++) {
            if (what.get(i) != null && !what.get(i).isBlank()) {
                decisions.add(new PostmortemContent.Decision(what.get(i), i < why.size() ? why.get(i) : null, null));
            }
        }
        List<PostmortemContent.Link> links = new ArrayList<>();
        List<String> kinds = form.getOrDefault("linkKind", List.of());
        List<String> titles = form.getOrDefault("linkTitle", List.of());
        List<String> urls = form.getOrDefault("linkUrl", List.of());
        for (int i = 0; i < urls.size(); i++) {
            if (urls.get(i) != null && !urls.get(i).isBlank()) {
                String kind = i < kinds.size() ? kinds.get(i) : "OTHER";
                String title = i < titles.size() && !titles.get(i).isBlank() ? titles.get(i) : urls.get(i);
                links.add(new PostmortemContent.Link(
                        Enums.parse(LinkKind.class, kind, "links[" + links.size() + "].kind"), title, urls.get(i)));
            }
        }
        return new PostmortemContent(
                form.getFirst("title"),
                form.getFirst("severity"),
                "true".equals(form.getFirst("scheduled")),
                form.getFirst("facilitator"),
                form.getFirst("owner"),
                form.getFirst("summary"),
                form.getFirst("customerImpact"),
                form.getFirst("wentWell"),
                form.getFirst("wasHard"),
                form.getFirst("gotLucky"),
                form.getFirst("detection"),
                csv(form.getFirst("participants")),
                csv(form.getFirst("tags")),
                form.getOrDefault("services", List.of()),
                factors,
                decisions,
                links);
    }

    private static List<String> csv(String s) {
        if (s == null || s.isBlank()) {
            return List.of();
        }
        return Arrays.stream(s.split("[,\\s]+"))
                .map(String::trim)
                .filter(x -> !x.isEmpty())
                .toList();
    }

    /** The language check as people type: htmx posts one field's text, gets its findings back. */
    @PostMapping("/postmortems/language-check")
    @PreAuthorize(READ)
    String check(@RequestParam Map<String, String> form, Model model) {
        String field = form.getOrDefault("field", "");
        String text = form.getOrDefault(field, form.getOrDefault("text", ""));
        model.addAttribute("field", field);
        model.addAttribute("findings", review.check(text));
        return "postmortem/fragments :: findings";
    }

    // ---- workflow, timeline, comments, images ----

    @PostMapping("/postmortems/{id}/transition")
    @PreAuthorize(WRITE)
    String transition(
            @PathVariable long id,
            @RequestParam String to,
            @RequestParam(required = false) String overrideReason,
            RedirectAttributes flash) {
        return act(id, flash, () -> switch (Enums.parse(PostmortemStatus.class, to, "to")) {
            case IN_REVIEW -> postmortems.submitForReview(id, overrideReason);
            case PUBLISHED -> postmortems.publish(id);
            case DRAFT -> postmortems.sendBackToDraft(id);
        });
    }

    @PostMapping("/postmortems/{id}/timeline")
    @PreAuthorize(WRITE)
    String addEntry(
            @PathVariable long id,
            @RequestParam(required = false) String occurredAt,
            @RequestParam(required = false) String author,
            @RequestParam(required = false) String perspective,
            @RequestParam(required = false) String body,
            RedirectAttributes flash) {
        return act(
                id,
                flash,
                () -> postmortems.addEntry(
                        id, times.parseInput(occurredAt, "occurredAt"), author, perspective, EntrySource.MANUAL, body));
    }

    @PostMapping("/postmortems/{id}/timeline/{entryId}")
    @PreAuthorize(WRITE)
    String editEntry(
            @PathVariable long id,
            @PathVariable long entryId,
            @RequestParam(required = false) String occurredAt,
            @RequestParam(required = false) String author,
            @RequestParam(required = false) String perspective,
            @RequestParam(required = false) String body,
            RedirectAttributes flash) {
        return act(
                id,
                flash,
                () -> postmortems.editEntry(
                        id, entryId, times.parseInput(occurredAt, "occurredAt"), author, perspective, body));
    }

    @PostMapping("/postmortems/{id}/timeline/{entryId}/delete")
    @PreAuthorize(WRITE)
    String deleteEntry(@PathVariable long id, @PathVariable long entryId, RedirectAttributes flash) {
        return act(id, flash, () -> {
            postmortems.deleteEntry(id, entryId);
            return null;
        });
    }

    @PostMapping("/postmortems/{id}/timeline/import")
    @PreAuthorize(WRITE)
    String importChat(
            @PathVariable long id,
            @RequestParam("file") MultipartFile file,
            @RequestParam String format,
            @RequestParam String zone,
            @RequestParam(required = false) String day,
            @RequestParam(required = false) String perspective,
            RedirectAttributes flash) {
        return act(id, flash, () -> {
            ZoneId zoneId;
            try {
                zoneId = ZoneId.of(zone);
            } catch (DateTimeException e) {
                throw new InvalidInputException("zone", "'" + zone + "' is not a time zone");
            }
            LocalDate date = day == null || day.isBlank() ? null : LocalDate.parse(day);
            String content;
            try {
                content = new String(file.getBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new InvalidInputException("file", "the file could not be read");
            }
            var imported = postmortems.importChat(
                    id, Enums.parse(ChatFormat.class, format, "format"), content, zoneId, date, perspective);
            flash.addFlashAttribute("notice", imported.size() + " timeline entries now");
            return imported;
        });
    }

    @PostMapping("/postmortems/{id}/comments")
    @PreAuthorize(WRITE)
    String comment(
            @PathVariable long id,
            @RequestParam(required = false) String field,
            @RequestParam(required = false) String body,
            RedirectAttributes flash) {
        return act(id, flash, () -> postmortems.comment(id, field, body));
    }

    @PostMapping("/postmortems/{id}/images")
    @PreAuthorize(WRITE)
    String upload(@PathVariable long id, @RequestParam("file") MultipartFile file, RedirectAttributes flash) {
        return act(id, flash, () -> {
            try {
                return postmortems.addImage(
                        id, file.getOriginalFilename(), file.getBytes(), properties.maxImageBytes());
            } catch (IOException e) {
                throw new InvalidInputException("file", "the file could not be read");
            }
        });
    }

    private String act(long id, RedirectAttributes flash, Supplier<Object> action) {
        try {
            action.get();
        } catch (InvalidInputException | ConflictException | PayloadTooLargeException e) {
            flash.addFlashAttribute("error", e.getMessage());
        } catch (java.time.format.DateTimeParseException e) {
            flash.addFlashAttribute("error", "day: expected yyyy-MM-dd");
        }
        return "redirect:/postmortems/" + id;
    }

    private Map<String, String> displayNames() {
        Map<String, String> names = new LinkedHashMap<>();
        users.list().forEach(u -> names.put(u.username(), u.displayName()));
        return names;
    }

    private static Integer parseInt(String s) {
        try {
            return s == null || s.isBlank() ? null : Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
