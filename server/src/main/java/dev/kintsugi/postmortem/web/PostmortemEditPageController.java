package dev.kintsugi.postmortem.web;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.UserAccount;
import dev.kintsugi.platform.UserManagement;
import dev.kintsugi.postmortem.BlamelessReview;
import dev.kintsugi.postmortem.FactorCategory;
import dev.kintsugi.postmortem.LinkKind;
import dev.kintsugi.postmortem.Postmortem;
import dev.kintsugi.postmortem.PostmortemContent;
import dev.kintsugi.postmortem.PostmortemEditing;
import dev.kintsugi.postmortem.PostmortemManagement;
import dev.kintsugi.postmortem.PostmortemStatus;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Writing a post-mortem: the edit form (each save is a revision) and the language check as people type. */
@Controller
class PostmortemEditPageController {
    private static final String READ = "hasRole('VIEWER')";
    private static final String WRITE = "hasRole('RESPONDER')";
    private static final Pattern FACTOR = Pattern.compile("factors\\[(\\d{1,4})]\\.description");

    private final dev.kintsugi.platform.InputErrors inputErrors;
    private final PostmortemManagement postmortems;
    private final PostmortemEditing editing;
    private final CatalogManagement catalog;
    private final UserManagement users;
    private final BlamelessReview review;

    PostmortemEditPageController(
            PostmortemManagement postmortems,
            PostmortemEditing editing,
            CatalogManagement catalog,
            UserManagement users,
            BlamelessReview review,
            dev.kintsugi.platform.InputErrors inputErrors) {
        this.inputErrors = inputErrors;
        this.postmortems = postmortems;
        this.editing = editing;
        this.catalog = catalog;
        this.users = users;
        this.review = review;
    }

    @GetMapping("/postmortems/{id}/edit")
    @PreAuthorize(WRITE)
    String edit(@PathVariable long id, Model model, RedirectAttributes flash) {
        Postmortem pm = postmortems.get(id);
        if (pm.status() == PostmortemStatus.PUBLISHED) {
            // read-only once published: back to the page, which offers to amend it
            flash.addFlashAttribute("notice", readOnlyNotice(pm));
            return "redirect:/postmortems/" + id;
        }
        editModel(model, pm, pm.content(), pm.revision());
        return "postmortem/edit";
    }

    @PostMapping("/postmortems/{id}/edit")
    @PreAuthorize(WRITE)
    String save(
            @PathVariable long id,
            @ModelAttribute PostmortemContentForm form,
            Model model,
            RedirectAttributes flash,
            HttpServletResponse response) {
        Integer basedOn = form.basedOnRevision();
        PostmortemContent content = null;
        try {
            content = form.content();
            editing.update(id, basedOn, content);
            flash.addFlashAttribute("saved", true);
            return "redirect:/postmortems/" + id;
        } catch (InvalidInputException | ConflictException e) {
            response.setStatus(e instanceof ConflictException ? 409 : 400);
            Postmortem pm = postmortems.get(id);
            editModel(model, pm, content == null ? pm.content() : content, basedOn == null ? pm.revision() : basedOn);
            model.addAttribute(
                    "error",
                    e instanceof InvalidInputException i
                            ? inputErrors.describe(i, "postmortem.diff.field.")
                            : e.getMessage());
            return "postmortem/edit";
        }
    }

    private static String readOnlyNotice(Postmortem pm) {
        return pm.key() + " is published and read-only: amend it to write a new revision.";
    }

    private void editModel(Model model, Postmortem pm, PostmortemContent content, int basedOn) {
        model.addAttribute("pm", pm);
        model.addAttribute("c", content);
        model.addAttribute("basedOn", basedOn);
        model.addAttribute("fields", PostmortemPageController.TEXT_FIELDS);
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

    /**
     * The language check as people type: htmx posts the name of the field and its text under that name (the
     * name varies, hence the map), and gets its findings back.
     */
    @PostMapping("/postmortems/language-check")
    @PreAuthorize(READ)
    String check(@RequestParam Map<String, String> form, Model model) {
        String field = form.getOrDefault("field", "");
        String text = form.getOrDefault(field, form.getOrDefault("text", ""));
        Matcher factor = FACTOR.matcher(field);
        model.addAttribute("field", field);
        model.addAttribute(
                "findingsId", factor.matches() ? "factor-" + factor.group(1) : field.replaceAll("[^A-Za-z0-9_-]", "_"));
        model.addAttribute("findings", review.check(text));
        return "postmortem/fragments :: findings";
    }
}
