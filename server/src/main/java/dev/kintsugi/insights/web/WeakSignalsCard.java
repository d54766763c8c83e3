package dev.kintsugi.insights.web;

import dev.kintsugi.insights.InsightsProperties;
import dev.kintsugi.insights.WeakSignals;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.PageCard;
import dev.kintsugi.platform.Role;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The dashboard's weak-signal card: shown only when there is a pattern nothing addresses yet. */
@Component
class WeakSignalsCard implements PageCard {
    private final WeakSignals signals;
    private final InsightsProperties properties;

    WeakSignalsCard(WeakSignals signals, InsightsProperties properties) {
        this.signals = signals;
        this.properties = properties;
    }

    @Override
    public Placement placement() {
        return new Placement(DASHBOARD, "weak-signals", 5);
    }

    @Override
    public Optional<Card> render(CardContext context) {
        List<WeakSignals.WeakSignal> current = signals.current();
        if (current.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Card(
                "insights/fragments :: weak-signals",
                Map.of(
                        "signals",
                        current,
                        "days",
                        properties.window().toDays(),
                        "canRespond",
                        Actor.hasRole(Role.RESPONDER))));
    }
}
