package dev.kintsugi.oncall.web;

import dev.kintsugi.oncall.PageView;
import dev.kintsugi.oncall.Paging;
import dev.kintsugi.oncall.notify.Links;
import dev.kintsugi.platform.Actor;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The acknowledge/resolve links of notifications, without a session: the signature is the credential. GET only
 * shows what the link would do and a button; the POST acts, once.
 */
@Controller
class LinkController {
    private final Links links;
    private final Paging paging;
    private final TransactionTemplate tx;

    LinkController(Links links, Paging paging, TransactionTemplate tx) {
        this.links = links;
        this.paging = paging;
        this.tx = tx;
    }

    @GetMapping("/webhooks/oncall/links/{token}")
    String show(@PathVariable String token, Model model) {
        return Actor.runAsSystem("on-call link shown", () -> {
            Optional<Links.Claim> claim = links.read(token);
            model.addAttribute("token", token);
            if (claim.isEmpty()) {
                model.addAttribute("problem", "oncall.link.invalid");
            } else if (links.expired(claim.get())) {
                model.addAttribute("problem", "oncall.link.expired");
            } else if (links.used(claim.get())) {
                model.addAttribute("problem", "oncall.link.used");
            } else {
                model.addAttribute("claim", claim.get());
                model.addAttribute("page", paging.find(claim.get().pageId()).orElse(null));
            }
            return "oncall/link";
        });
    }

    @PostMapping("/webhooks/oncall/links/{token}")
    String act(@PathVariable String token, Model model) {
        Optional<Links.Claim> claim = links.read(token);
        model.addAttribute("token", token);
        if (claim.isEmpty()) {
            model.addAttribute("problem", "oncall.link.invalid");
            return "oncall/link";
        }
        Links.Claim c = claim.get();
        String outcome = Actor.runAsSystem(
                "on-call link used by " + c.username(),
                () -> tx.execute(s -> {
                    if (links.expired(c)) {
                        return "oncall.link.expired";
                    }
                    if (!links.use(c)) {
                        return "oncall.link.used";
                    }
                    PageView p = "resolve".equals(c.action())
                            ? paging.resolve(c.pageId())
                            : paging.acknowledge(c.pageId(), c.username());
                    model.addAttribute("page", p);
                    return null;
                }));
        if (outcome != null) {
            model.addAttribute("problem", outcome);
        } else {
            model.addAttribute("done", true);
        }
        return "oncall/link";
    }
}
