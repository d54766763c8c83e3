package dev.kintsugi.chaos.demo;

import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.DemoLogins;
import dev.kintsugi.platform.PageCard;
import dev.kintsugi.platform.Role;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/**
 * The dashboard's "try the demo shop" card: what runs, and what to do first (open "Checkout latency", run it, watch
 * the probe deviate and the rollback heal it), with the experiments' links, the shop's page and, for someone who
 * may not run experiments, the demo account that may.
 */
@Component
@ConditionalOnExpression("${kintsugi.demo:false} and ${kintsugi.chaos.demo-shop.enabled:true}")
class DemoShopCard implements PageCard {
    private final DemoShopLifecycle lifecycle;
    private final DemoLogins logins;

    DemoShopCard(DemoShopLifecycle lifecycle, DemoLogins logins) {
        this.lifecycle = lifecycle;
        this.logins = logins;
    }

    @Override
    public Placement placement() {
        return new Placement(PageCard.DASHBOARD, "chaos-demo-shop", 1);
    }

    @Override
    public Optional<Card> render(CardContext context) {
        Optional<DemoShop> shop = lifecycle.shop();
        Optional<DemoShopSetup.Result> setup = lifecycle.setup();
        if (shop.isEmpty() || setup.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> model = new HashMap<>();
        model.put("setup", setup.get());
        model.put("storefrontUrl", shop.get().storefrontUrl());
        model.put("latencyMs", Integer.toString(DemoExperiments.LATENCY_MS));
        model.put("budgetMs", Long.toString(DemoShop.HEALTH_BUDGET.toMillis()));
        model.put("canRun", Actor.hasRole(Role.CHAOS_ENGINEER));
        model.put(
                "engineer",
                logins.logins().stream()
                        .filter(l -> l.role() == Role.CHAOS_ENGINEER)
                        .map(DemoLogins.Login::username)
                        .findFirst()
                        .orElse(""));
        return Optional.of(new Card("chaos-demo/fragments :: card", model));
    }
}
