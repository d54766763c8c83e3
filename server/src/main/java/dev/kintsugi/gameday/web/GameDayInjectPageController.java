package dev.kintsugi.gameday.web;

import dev.kintsugi.gameday.GameDayInjects;
import dev.kintsugi.gameday.InjectDraft;
import dev.kintsugi.gameday.InjectKind;
import dev.kintsugi.platform.Enums;
import dev.kintsugi.platform.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The game day page's inject forms: add, change and remove (until it fires; the form carries the game day's
 * version), fire. A fault inject's values are typed as {@code name=value, name=value}.
 */
@Controller
class GameDayInjectPageController {
    private final GameDayInjects injects;
    private final GameDayFormActions forms;

    GameDayInjectPageController(GameDayInjects injects, GameDayFormActions forms) {
        this.injects = injects;
        this.forms = forms;
    }

    /** The inject form's fields. */
    record InjectForm(
            String title,
            String kind,
            Long experimentId,
            String body,
            Integer offsetMinutes,
            String fault,
            String service,
            Long targetId,
            String parameters) {
        InjectDraft toDraft() {
            return new InjectDraft(
                    title,
                    kind == null || kind.isBlank() ? null : Enums.parse(InjectKind.class, kind, "kind"),
                    experimentId,
                    body,
                    offsetMinutes,
                    fault,
                    service,
                    targetId,
                    values(parameters));
        }
    }

    @PostMapping("/gamedays/{id}/injects")
    String add(@PathVariable long id, InjectForm form, RedirectAttributes flash) {
        return forms.act(flash, "/gamedays/" + id, () -> {
            injects.add(id, form.toDraft());
            return "/gamedays/" + id;
        });
    }

    @PostMapping("/gamedays/{id}/injects/{injectId}")
    String edit(
            @PathVariable long id,
            @PathVariable long injectId,
            InjectForm form,
            @RequestParam(required = false) Long version,
            RedirectAttributes flash) {
        return forms.act(flash, "/gamedays/" + id, () -> {
            injects.edit(id, injectId, form.toDraft(), version);
            return "/gamedays/" + id;
        });
    }

    @PostMapping("/gamedays/{id}/injects/{injectId}/remove")
    String remove(
            @PathVariable long id,
            @PathVariable long injectId,
            @RequestParam(required = false) Long version,
            RedirectAttributes flash) {
        return forms.act(flash, "/gamedays/" + id, () -> {
            injects.remove(id, injectId, version);
            return "/gamedays/" + id;
        });
    }

    @PostMapping("/gamedays/{id}/injects/{injectId}/fire")
    String fire(@PathVariable long id, @PathVariable long injectId, RedirectAttributes flash) {
        return forms.act(flash, "/gamedays/" + id, () -> {
            injects.fire(id, injectId);
            return "/gamedays/" + id;
        });
    }

    /** {@code latency=1500, duration=60} as a map; a problem naming {@code parameters} when it is not that. */
    static Map<String, Integer> values(String text) {
        Map<String, Integer> m = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return m;
        }
        for (String part : text.split(",")) {
            String[] kv = part.split("=", 2);
            try {
                if (kv.length != 2 || kv[0].isBlank()) {
                    throw new NumberFormatException(part);
                }
                m.put(kv[0].strip(), Integer.valueOf(kv[1].strip()));
            } catch (NumberFormatException e) {
                throw new InvalidInputException(
                        "parameters",
                        "gameday.error.parameters",
                        "'" + part.strip() + "' is not name=number",
                        part.strip());
            }
        }
        return m;
    }
}
