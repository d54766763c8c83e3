package dev.kintsugi.platform.web;

import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.platform.PageCard;
import dev.kintsugi.platform.PageCards;
import dev.kintsugi.platform.UserManagement;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Renders one {@link PageCard} for the viewer: {@code GET /cards/<slot>/<id>?subject=...}, loaded by the page's
 * placeholder (htmx, swapping the placeholder for the card). A card that has nothing to show for this viewer
 * answers an empty body, so the placeholder just disappears; an unknown card is 404.
 */
@Controller
class CardController {
    private final PageCards cards;
    private final UserManagement users;

    CardController(PageCards cards, UserManagement users) {
        this.cards = cards;
        this.users = users;
    }

    @GetMapping("/cards/{slot}/{id}")
    @PreAuthorize("hasRole('VIEWER')")
    String card(
            @PathVariable String slot,
            @PathVariable String id,
            @RequestParam(required = false) String subject,
            Model model) {
        PageCard card = cards.find(slot, id).orElseThrow(() -> new NotFoundException("Card", slot + "/" + id));
        Optional<PageCard.Card> shown;
        try {
            shown = card.render(new PageCard.CardContext(
                    slot, subject == null || subject.isBlank() ? null : subject, users.viewer()));
        } catch (NotFoundException e) {
            // the viewer may not see the subject (a private incident): no card, and no hint that it exists
            shown = Optional.empty();
        }
        if (shown.isEmpty()) {
            return "platform/cards :: none";
        }
        model.addAllAttributes(shown.get().model());
        return shown.get().fragment();
    }
}
