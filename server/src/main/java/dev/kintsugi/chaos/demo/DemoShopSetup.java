package dev.kintsugi.chaos.demo;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.ServiceDraft;
import dev.kintsugi.catalog.TeamDraft;
import dev.kintsugi.catalog.Tier;
import dev.kintsugi.chaos.ChaosExperiments;
import dev.kintsugi.chaos.ChaosTargets;
import dev.kintsugi.chaos.ExperimentView;
import dev.kintsugi.chaos.ServicePolicy;
import dev.kintsugi.chaos.TargetDraft;
import dev.kintsugi.chaos.TargetKind;
import dev.kintsugi.chaos.TargetView;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Maps the running demo shop onto the catalog and the chaos module, only through their facades: three catalog
 * services ({@code <prefix>-storefront}, {@code -checkout}, {@code -payments}), their targets (the embedded proxy's
 * admin API with the proxy in front of each one's dependency; the storefront's health), a policy that allows the
 * shop's host and proxies, and the two experiments of {@link DemoExperiments}. Idempotent: on a restart (the shop on
 * other ports) it moves the targets and the experiments' addresses to the new ports — an experiment someone edited
 * keeps their edits, only the shop's addresses in it change (a new version) — and creates nothing twice.
 *
 * <p>Its own catalog services rather than the demo company's {@code checkout-api} and {@code payment-gateway}: the
 * company has an open SEV2 on those, and the guardrails (rightly) refuse experiments on them.
 */
final class DemoShopSetup {
    static final String PROXY_TARGET = "demo-proxy";
    static final String HEALTH_TARGET = "storefront-health";

    /** What the setup found or made: the experiments' ids, and whether they were new (a first start). */
    record Result(
            String storefront,
            String checkout,
            String payments,
            long checkoutLatency,
            long paymentsDown,
            boolean created) {}

    private final CatalogManagement catalog;
    private final ChaosTargets targets;
    private final ChaosExperiments experiments;

    DemoShopSetup(CatalogManagement catalog, ChaosTargets targets, ChaosExperiments experiments) {
        this.catalog = catalog;
        this.targets = targets;
        this.experiments = experiments;
    }

    static String storefront(String prefix) {
        return prefix + "-storefront";
    }

    static String checkout(String prefix) {
        return prefix + "-checkout";
    }

    static String payments(String prefix) {
        return prefix + "-payments";
    }

    /**
     * The ports the shop had when it was last set up under {@code prefix} (read from its stored targets), to bind
     * again if free; {@link DemoShop.Ports#ANY} when there is none.
     */
    DemoShop.Ports storedPorts(String prefix) {
        if (catalog.findService(storefront(prefix)).isEmpty()) {
            return DemoShop.Ports.ANY;
        }
        List<TargetView> stored = targets.targets(storefront(prefix));
        return new DemoShop.Ports(port(stored, PROXY_TARGET), port(stored, HEALTH_TARGET));
    }

    /** Sets the shop up (call as the system, or as someone who may change the catalog and chaos settings). */
    Result apply(DemoShop shop, String prefix, Duration fault) {
        String storefront = service(
                storefront(prefix),
                "Demo shop: storefront",
                "storefront",
                prefix,
                Tier.TIER_2,
                "The demo shop's front (inside this Kintsugi): its /health calls checkout through the proxy and is"
                        + " the steady state of the demo experiments.");
        String checkout = service(
                checkout(prefix),
                "Demo shop: checkout",
                "payments",
                prefix,
                Tier.TIER_2,
                "The demo shop's checkout: authorises each order with payments, through the proxy.");
        String payments = service(
                payments(prefix),
                "Demo shop: payments",
                "payments",
                prefix,
                Tier.TIER_3,
                "The demo shop's payment service: answers authorisations.");

        Optional<TargetView> oldProxy = find(targets.targets(storefront), PROXY_TARGET);
        Optional<TargetView> oldHealth = find(targets.targets(storefront), HEALTH_TARGET);
        target(
                storefront,
                new TargetDraft(
                        TargetKind.PROXY, PROXY_TARGET, shop.adminUrl(), List.of(DemoShop.CHECKOUT_PROXY), null, null));
        target(storefront, new TargetDraft(TargetKind.HTTP, HEALTH_TARGET, shop.healthUrl(), List.of(), null, null));
        target(
                checkout,
                new TargetDraft(
                        TargetKind.PROXY, PROXY_TARGET, shop.adminUrl(), List.of(DemoShop.PAYMENTS_PROXY), null, null));
        for (String s : List.of(storefront, checkout, payments)) {
            policy(s);
        }

        List<ExperimentView> existing = experiments.list(storefront);
        boolean created = false;
        long latency;
        long down;
        Optional<ExperimentView> latencyExperiment = titled(existing, DemoExperiments.CHECKOUT_LATENCY);
        if (latencyExperiment.isPresent()) {
            latency = moved(latencyExperiment.get(), oldProxy, oldHealth, shop);
        } else {
            latency = experiments
                    .create(
                            DemoExperiments.checkoutLatency(shop.adminUrl(), shop.healthUrl(), storefront, fault),
                            List.of(storefront, checkout))
                    .id();
            created = true;
        }
        Optional<ExperimentView> downExperiment = titled(existing, DemoExperiments.PAYMENTS_DOWN);
        if (downExperiment.isPresent()) {
            down = moved(downExperiment.get(), oldProxy, oldHealth, shop);
        } else {
            down = experiments
                    .create(
                            DemoExperiments.paymentsDown(shop.adminUrl(), shop.healthUrl(), storefront, fault),
                            List.of(storefront, checkout, payments))
                    .id();
            created = true;
        }
        return new Result(storefront, checkout, payments, latency, down, created);
    }

    private String service(String name, String display, String team, String prefix, Tier tier, String description) {
        if (catalog.findService(name).isPresent()) {
            return name;
        }
        String owner = catalog.findTeam(team)
                .map(t -> t.name())
                .orElseGet(() -> catalog.findTeam(prefix)
                        .map(t -> t.name())
                        .orElseGet(() -> catalog.createTeam(new TeamDraft(
                                        prefix,
                                        "Demo shop",
                                        "Owns the demo shop that runs inside Kintsugi.",
                                        null,
                                        List.of()))
                                .name()));
        catalog.createService(new ServiceDraft(name, display, description, tier, owner, null, null, null));
        return name;
    }

    /** Adds the target, or replaces it when the shop moved (another port). */
    private void target(String service, TargetDraft wanted) {
        Optional<TargetView> current = find(targets.targets(service), wanted.name());
        if (current.isPresent()
                && current.get().url().equals(wanted.url())
                && current.get().proxies().equals(wanted.proxies())) {
            return;
        }
        current.ifPresent(t -> targets.removeTarget(service, t.id()));
        targets.addTarget(service, wanted);
    }

    /** Only the shop's host and proxies; one run at a time; no window. Left alone once someone changed it. */
    private void policy(String service) {
        ServicePolicy current = targets.policy(service);
        if (current.version() > 0) {
            return;
        }
        targets.setPolicy(
                service,
                new ServicePolicy(
                        current.serviceId(),
                        List.of(),
                        List.of(DemoShop.HOST),
                        List.of(DemoShop.CHECKOUT_PROXY, DemoShop.PAYMENTS_PROXY),
                        1,
                        current.maxPodPercent(),
                        List.of(),
                        null,
                        null,
                        null,
                        0),
                current.version());
    }

    /** The experiment with the shop's old addresses replaced by the new ones (a new version only if they moved). */
    private long moved(ExperimentView e, Optional<TargetView> oldProxy, Optional<TargetView> oldHealth, DemoShop shop) {
        String definition = e.definition();
        if (oldProxy.isPresent() && !oldProxy.get().url().equals(shop.adminUrl())) {
            definition = definition.replace(oldProxy.get().url(), shop.adminUrl());
        }
        if (oldHealth.isPresent() && !oldHealth.get().url().equals(shop.healthUrl())) {
            definition = definition.replace(oldHealth.get().url(), shop.healthUrl());
        }
        if (!definition.equals(e.definition())) {
            experiments.update(e.id(), definition, null, e.version());
        }
        return e.id();
    }

    private static Optional<ExperimentView> titled(List<ExperimentView> list, String title) {
        return list.stream().filter(e -> e.title().equals(title)).findFirst();
    }

    private static Optional<TargetView> find(List<TargetView> list, String name) {
        return list.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    private static int port(List<TargetView> stored, String name) {
        return find(stored, name)
                .map(t -> URI.create(t.url()).getPort())
                .filter(p -> p > 0)
                .orElse(0);
    }
}
