package dev.kintsugi.search.web;

import dev.kintsugi.platform.PageCard;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The declare form's similar-incidents panel (slot {@code declare}): a card that asks {@code /search/similar} for
 * the past incidents and post-mortems most like what is being typed, as the title, description and services
 * change (htmx, debounced). The incident module only names the slot.
 */
@Component
class DeclareSimilarCard implements PageCard {
    static final String SLOT = "declare";

    @Override
    public Placement placement() {
        return new Placement(SLOT, "similar", 10);
    }

    @Override
    public Optional<Card> render(CardContext context) {
        return Optional.of(new Card("search/fragments :: declare-card", Map.of()));
    }
}
