package dev.kintsugi.platform;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Every module's {@link PageCard}s, by slot. Pages list a slot's cards with
 * {@code ~{platform/cards :: slot('dashboard', null)}} (which calls {@link #of}); each card is then loaded from
 * {@code /cards/<slot>/<id>}.
 */
@Component("pageCards")
public class PageCards {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    private final List<PageCard> cards;

    PageCards(ObjectProvider<PageCard> cards) {
        this.cards = cards.orderedStream()
                .sorted(Comparator.comparing((PageCard c) -> c.placement().slot())
                        .thenComparingInt(c -> c.placement().order())
                        .thenComparing(c -> c.placement().id()))
                .toList();
        for (PageCard c : this.cards) {
            PageCard.Placement p = c.placement();
            if (!ID.matcher(p.slot()).matches() || !ID.matcher(p.id()).matches()) {
                throw new IllegalStateException("page card " + c.getClass().getName() + ": slot and id must match "
                        + ID.pattern() + ", not '" + p.slot() + "/" + p.id() + "'");
            }
        }
        long distinct = this.cards.stream()
                .map(c -> c.placement().slot() + "/" + c.placement().id())
                .distinct()
                .count();
        if (distinct != this.cards.size()) {
            throw new IllegalStateException("two page cards share a slot and id: " + this.cards);
        }
    }

    /** The cards of {@code slot}, in display order. */
    public List<PageCard> of(String slot) {
        return cards.stream().filter(c -> c.placement().slot().equals(slot)).toList();
    }

    /** The card {@code id} of {@code slot}. */
    public Optional<PageCard> find(String slot, String id) {
        return cards.stream()
                .filter(c ->
                        c.placement().slot().equals(slot) && c.placement().id().equals(id))
                .findFirst();
    }
}
