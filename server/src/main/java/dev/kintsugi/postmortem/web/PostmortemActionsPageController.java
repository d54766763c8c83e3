package dev.kintsugi.postmortem.web;

import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.Enums;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.PayloadTooLargeException;
import dev.kintsugi.platform.Times;
import dev.kintsugi.postmortem.EntrySource;
import dev.kintsugi.postmortem.NotPublishable;
import dev.kintsugi.postmortem.Postmortem;
import dev.kintsugi.postmortem.PostmortemComments;
import dev.kintsugi.postmortem.PostmortemImages;
import dev.kintsugi.postmortem.PostmortemManagement;
import dev.kintsugi.postmortem.PostmortemProperties;
import dev.kintsugi.postmortem.PostmortemPublication;
import dev.kintsugi.postmortem.PostmortemStatus;
import dev.kintsugi.postmortem.PostmortemTimeline;
import dev.kintsugi.postmortem.ReviewDecision;
import dev.kintsugi.postmortem.UnsupportedImageException;
import dev.kintsugi.postmortem.chatimport.ChatFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.function.Supplier;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The forms on a post-mortem's page: review and publication, timeline entries and chat import, comments and
 * images. Each answers with the page again (a redirect), carrying a message when the action was refused.
 */
@Controller
class PostmortemActionsPageController {
    private static final String WRITE = "hasRole('RESPONDER')";

    private final dev.kintsugi.platform.InputErrors inputErrors;
    private final PostmortemPublication publication;
    private final PostmortemTimeline timeline;
    private final PostmortemComments comments;
    private final PostmortemImages images;
    private final PostmortemProperties properties;
    private final Times times;
    private final PostmortemManagement postmortems;

    PostmortemActionsPageController(
            PostmortemManagement postmortems,
            PostmortemPublication publication,
            PostmortemTimeline timeline,
            PostmortemComments comments,
            PostmortemImages images,
            PostmortemProperties properties,
            Times times,
            dev.kintsugi.platform.InputErrors inputErrors) {
        this.inputErrors = inputErrors;
        this.postmortems = postmortems;
        this.publication = publication;
        this.timeline = timeline;
        this.comments = comments;
        this.images = images;
        this.properties = properties;
        this.times = times;
    }

    record TransitionForm(String to, String overrideReason, String noCountermeasureReason) {}

    record EntryForm(String occurredAt, String author, String perspective, String body) {}

    record ImportForm(String format, String zone, String day, String perspective) {}

    record CommentForm(String field, String body) {}

    @PostMapping("/postmortems/{id}/transition")
    @PreAuthorize(WRITE)
    String transition(@PathVariable long id, @ModelAttribute TransitionForm form, RedirectAttributes flash) {
        try {
            PostmortemStatus before = postmortems.get(id).status();
            Postmortem after = publication.transition(
                    id,
                    null,
                    Enums.parse(PostmortemStatus.class, form.to(), "to"),
                    form.overrideReason(),
                    form.noCountermeasureReason());
            // what just happened, said on the page it lands on
            String done = before == PostmortemStatus.PUBLISHED
                    ? "AMENDING"
                    : after.status().name();
            flash.addFlashAttribute("confirmed", "postmortem.confirm." + done);
        } catch (NotPublishable e) {
            flash.addFlashAttribute("error", inputErrors.message(e));
            flash.addFlashAttribute(
                    "missing",
                    e.missing().stream().map(NotPublishable.Missing::field).toList());
        } catch (InvalidInputException | ConflictException e) {
            flash.addFlashAttribute("error", said(e));
        }
        return "redirect:/postmortems/" + id;
    }

    record ReviewForm(String decision, String comment) {}

    /** A reviewer's approval or request for changes, from the review card. */
    @PostMapping("/postmortems/{id}/review")
    @PreAuthorize(WRITE)
    String review(@PathVariable long id, @ModelAttribute ReviewForm form, RedirectAttributes flash) {
        try {
            ReviewDecision.Kind kind = Enums.parse(ReviewDecision.Kind.class, form.decision(), "decision");
            if (kind == ReviewDecision.Kind.APPROVED) {
                publication.approve(id, null, form.comment());
            } else {
                publication.requestChanges(id, null, form.comment());
            }
            flash.addFlashAttribute("confirmed", "postmortem.confirm." + kind);
        } catch (InvalidInputException | ConflictException e) {
            flash.addFlashAttribute("error", said(e));
        }
        return "redirect:/postmortems/" + id;
    }

    @PostMapping("/postmortems/{id}/timeline")
    @PreAuthorize(WRITE)
    String addEntry(@PathVariable long id, @ModelAttribute EntryForm form, RedirectAttributes flash) {
        return act(
                id,
                flash,
                () -> timeline.addEntry(
                        id,
                        times.parseInput(form.occurredAt(), "occurredAt"),
                        form.author(),
                        form.perspective(),
                        EntrySource.MANUAL,
                        form.body()));
    }

    @PostMapping("/postmortems/{id}/timeline/{entryId}")
    @PreAuthorize(WRITE)
    String editEntry(
            @PathVariable long id,
            @PathVariable long entryId,
            @ModelAttribute EntryForm form,
            RedirectAttributes flash) {
        return act(
                id,
                flash,
                () -> timeline.editEntry(
                        id,
                        entryId,
                        null,
                        times.parseInput(form.occurredAt(), "occurredAt"),
                        form.author(),
                        form.perspective(),
                        form.body()));
    }

    /** Keep or drop an entry (an htmx toggle on the page; a plain form post without script). */
    @PostMapping("/postmortems/{id}/timeline/{entryId}/kept")
    @PreAuthorize(WRITE)
    String keepEntry(
            @PathVariable long id, @PathVariable long entryId, @RequestParam boolean kept, RedirectAttributes flash) {
        return act(id, flash, () -> timeline.keepEntry(id, entryId, null, kept));
    }

    @PostMapping("/postmortems/{id}/timeline/{entryId}/delete")
    @PreAuthorize(WRITE)
    String deleteEntry(@PathVariable long id, @PathVariable long entryId, RedirectAttributes flash) {
        return act(id, flash, () -> {
            timeline.deleteEntry(id, entryId, null);
            return null;
        });
    }

    @PostMapping("/postmortems/{id}/timeline/import")
    @PreAuthorize(WRITE)
    String importChat(
            @PathVariable long id,
            @RequestParam("file") MultipartFile file,
            @ModelAttribute ImportForm form,
            RedirectAttributes flash) {
        return act(id, flash, () -> {
            ZoneId zoneId;
            try {
                zoneId = ZoneId.of(form.zone() == null ? "" : form.zone());
            } catch (DateTimeException e) {
                throw new InvalidInputException(
                        "zone", "validation.notAZone", "'" + form.zone() + "' is not a time zone", form.zone());
            }
            LocalDate date = form.day() == null || form.day().isBlank() ? null : LocalDate.parse(form.day());
            var imported = timeline.importChat(
                    id,
                    Enums.parse(ChatFormat.class, form.format(), "format"),
                    new String(bytes(file), StandardCharsets.UTF_8),
                    zoneId,
                    date,
                    form.perspective());
            flash.addFlashAttribute("notice", imported.size() + " timeline entries now");
            return imported;
        });
    }

    @PostMapping("/postmortems/{id}/comments")
    @PreAuthorize(WRITE)
    String comment(@PathVariable long id, @ModelAttribute CommentForm form, RedirectAttributes flash) {
        return act(id, flash, () -> comments.comment(id, form.field(), form.body()));
    }

    @PostMapping("/postmortems/{id}/images")
    @PreAuthorize(WRITE)
    String upload(@PathVariable long id, @RequestParam("file") MultipartFile file, RedirectAttributes flash) {
        return act(
                id,
                flash,
                () -> images.addImage(id, file.getOriginalFilename(), bytes(file), properties.maxImageBytes()));
    }

    private static byte[] bytes(MultipartFile file) {
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new InvalidInputException(
                    "file", "postmortem.validation.unreadableFile", "the file could not be read");
        }
    }

    /** A refusal said in the viewer's language where it has a message code (the field by its label). */
    private String said(RuntimeException e) {
        return e instanceof InvalidInputException i
                ? inputErrors.describe(i, "postmortem.diff.field.")
                : e.getMessage();
    }

    private String act(long id, RedirectAttributes flash, Supplier<Object> action) {
        try {
            action.get();
        } catch (InvalidInputException | ConflictException | PayloadTooLargeException | UnsupportedImageException e) {
            flash.addFlashAttribute("error", said(e));
        } catch (DateTimeParseException e) {
            flash.addFlashAttribute("error", "day: expected yyyy-MM-dd");
        }
        return "redirect:/postmortems/" + id;
    }
}
