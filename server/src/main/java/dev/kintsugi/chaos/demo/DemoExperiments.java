package dev.kintsugi.chaos.demo;

import java.time.Duration;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The demo shop's experiments, as the hub's templates make them through the experiment form: "Checkout latency" is
 * the hub's <em>dependency latency</em> on the checkout → payments hop, "Payments down" its <em>dependency down</em>
 * on the same proxy. Both check the storefront's steady state (its health answers 200) before and after, and
 * their rollbacks remove the fault. The same shape as {@code chaos/web/ExperimentForm} writes, so the demo's
 * experiments read like the ones a newcomer makes from the hub next.
 */
final class DemoExperiments {
    static final String CHECKOUT_LATENCY = "Checkout latency";
    static final String PAYMENTS_DOWN = "Payments down";
    /** Twice the storefront's health budget: the probe deviates whatever the machine's speed. */
    static final int LATENCY_MS = 2 * (int) DemoShop.HEALTH_BUDGET.toMillis();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DemoExperiments() {}

    static String checkoutLatency(String adminUrl, String healthUrl, String service, Duration fault) {
        ObjectNode e = experiment(
                CHECKOUT_LATENCY,
                "From the hub's dependency latency: " + LATENCY_MS + " ms on every answer of payments to checkout"
                        + " (proxy " + DemoShop.PAYMENTS_PROXY + "). The storefront's health allows "
                        + DemoShop.HEALTH_BUDGET.toMillis() + " ms for a checkout: expect it to deviate, and the"
                        + " rollback to heal it.",
                service,
                healthUrl);
        ObjectNode add = action("inject-latency", "add_toxic", adminUrl);
        ObjectNode args = (ObjectNode) add.path("provider").path("arguments");
        args.put("type", "latency");
        args.put("name", "latency_downstream");
        args.putObject("attributes").put("latency", LATENCY_MS);
        add.putObject("pauses").put("after", fault.toSeconds());
        e.withArray("method").add(add);
        ObjectNode remove = action("remove-latency", "remove_toxic", adminUrl);
        ((ObjectNode) remove.path("provider").path("arguments")).put("name", "latency_downstream");
        e.withArray("rollbacks").add(remove);
        return e.toPrettyString();
    }

    static String paymentsDown(String adminUrl, String healthUrl, String service, Duration fault) {
        ObjectNode e = experiment(
                PAYMENTS_DOWN,
                "From the hub's dependency down: the proxy in front of payments (" + DemoShop.PAYMENTS_PROXY
                        + ") stops listening, so checkout cannot authorise payments. The storefront has no fallback"
                        + " yet: expect its health to say DOWN at once (every hop has a timeout), and the rollback"
                        + " to bring payments back.",
                service,
                healthUrl);
        ObjectNode down = action("dependency-down", "disable_proxy", adminUrl);
        down.putObject("pauses").put("after", fault.toSeconds());
        e.withArray("method").add(down);
        e.withArray("rollbacks").add(action("dependency-up", "enable_proxy", adminUrl));
        return e.toPrettyString();
    }

    private static ObjectNode experiment(String title, String description, String service, String healthUrl) {
        ObjectNode e = JSON.createObjectNode();
        e.put("title", title);
        e.put("description", description);
        e.putArray("tags").add(service);
        ObjectNode probe = JSON.createObjectNode();
        probe.put("type", "probe");
        probe.put("name", "storefront-healthy");
        probe.put("tolerance", 200);
        ObjectNode http = probe.putObject("provider");
        http.put("type", "http");
        http.put("url", healthUrl);
        http.put("timeout", 3);
        ObjectNode hypothesis = e.putObject("steady-state-hypothesis");
        hypothesis.put("title", "the storefront answers within its budget");
        hypothesis.putArray("probes").add(probe);
        e.putArray("method");
        e.putArray("rollbacks");
        return e;
    }

    private static ObjectNode action(String name, String func, String adminUrl) {
        ObjectNode a = JSON.createObjectNode();
        a.put("type", "action");
        a.put("name", name);
        ObjectNode provider = a.putObject("provider");
        provider.put("type", "kintsugi");
        provider.put("func", func);
        provider.put("timeout", 5);
        ObjectNode args = provider.putObject("arguments");
        args.put("api_url", adminUrl);
        args.put("proxy", DemoShop.PAYMENTS_PROXY);
        return a;
    }
}
