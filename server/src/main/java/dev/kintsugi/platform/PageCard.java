package dev.kintsugi.platform;

import java.util.Map;
import java.util.Optional;

/**
 * A card one module adds to another module's page, without either depending on the other: the page names a slot
 * ({@link #DASHBOARD}, {@link #SERVICE}, {@link #INCIDENT}, and later ones), the platform collects every
 * {@code PageCard} bean of that slot ({@link PageCards}) and the page loads each one from
 * {@code /cards/<slot>/<id>?subject=...}, rendered for the viewer. Adding a card is one class implementing this
 * interface (a Spring bean in the contributing module) plus its Thymeleaf fragment.
 *
 * <p>{@link #render} runs as the viewer: read through the module's facades, which apply the viewer's rights
 * (private incidents), and answer {@link Optional#empty()} to show nothing. A {@link NotFoundException} thrown
 * while rendering (the viewer may not see the subject) also shows nothing.
 */
public interface PageCard {
    /** The dashboard ({@code /}); no subject. */
    String DASHBOARD = "dashboard";
    /** A catalog service's page; the subject is the service's name. */
    String SERVICE = "service";
    /** An incident's page; the subject is the incident's key ({@code INC-42}). */
    String INCIDENT = "incident";
    /** The top of the dashboard: the viewer's own work (my incidents, my countermeasures); no subject. */
    String MINE = "mine";
    /** Every page, under the top bar: page-wide banners and controls (the chaos kill switch); no subject. */
    String BANNER = "banner";

    /** Where the card goes: its slot, its id there, its order. */
    Placement placement();

    /** The card for this viewer and subject, or empty to show none. */
    Optional<Card> render(CardContext context);

    /**
     * What to show: a Thymeleaf fragment reference ({@code "postmortem/fragments :: dashboard-card"}) rendering a
     * whole card element, and the model it reads.
     */
    record Card(String fragment, Map<String, Object> model) {
        public Card {
            model = Map.copyOf(model);
        }
    }

    /**
     * A card's place: the {@code slot} it appears in; its {@code id}, unique within the slot and used in the card's
     * address (lower-case letters, digits and dashes); cards of a slot are shown by ascending {@code order}, then
     * id.
     */
    record Placement(String slot, String id, int order) {}

    /**
     * Where the card is shown: the slot, the subject of the page (service name, incident key; null on the
     * dashboard) and the viewer.
     */
    record CardContext(String slot, String subject, Optional<UserAccount> viewer) {}
}
