package dev.kintsugi.chaos.web;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.chaos.ChaosRuns;
import dev.kintsugi.chaos.FaultView;
import dev.kintsugi.chaos.KillSwitch;
import dev.kintsugi.chaos.KillSwitchState;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.PageCard;
import dev.kintsugi.platform.Role;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The chaos module's cards on other modules' pages: the kill switch on every page (slot {@code banner}), faults
 * whose revert failed on the dashboard, a service's recent runs on its page.
 */
@Configuration
class ChaosCards {

    @Bean
    PageCard chaosKillSwitchCard(KillSwitch killSwitch, ChaosRuns runs) {
        return new PageCard() {
            @Override
            public Placement placement() {
                return new Placement(PageCard.BANNER, "chaos-kill-switch", 0);
            }

            @Override
            public Optional<Card> render(CardContext context) {
                KillSwitchState state = killSwitch.state();
                boolean canChaos = Actor.hasRole(Role.CHAOS_ENGINEER);
                return Optional.of(new Card(
                        "chaos/fragments :: kill-switch",
                        Map.of(
                                "state",
                                state,
                                "canChaos",
                                canChaos,
                                "running",
                                runs.running().size())));
            }
        };
    }

    @Bean
    PageCard chaosUnrevertedFaultsCard(ChaosRuns runs) {
        return new PageCard() {
            @Override
            public Placement placement() {
                return new Placement(PageCard.DASHBOARD, "chaos-unreverted", 5);
            }

            @Override
            public Optional<Card> render(CardContext context) {
                List<FaultView> faults = runs.unresolvedFaults();
                return faults.isEmpty()
                        ? Optional.empty()
                        : Optional.of(new Card("chaos/fragments :: unreverted", Map.of("faults", faults)));
            }
        };
    }

    @Bean
    PageCard chaosServiceRunsCard(ChaosRuns runs, CatalogManagement catalog, dev.kintsugi.chaos.ChaosTargets targets) {
        return new PageCard() {
            @Override
            public Placement placement() {
                return new Placement(PageCard.SERVICE, "chaos-runs", 20);
            }

            @Override
            public Optional<Card> render(CardContext context) {
                return catalog.findService(context.subject())
                        .map(s -> new Card(
                                "chaos/fragments :: service-runs",
                                Map.of(
                                        "runs",
                                        runs.ofService(s.id(), 10),
                                        "service",
                                        s.name(),
                                        "targets",
                                        targets.targets(s.name()),
                                        "score",
                                        java.util.Optional.ofNullable(runs.resilienceScore(s.id(), 20)),
                                        "scores",
                                        runs.scores(s.id(), 20))));
            }
        };
    }

    @Bean
    PageCard chaosMonkeyServiceCard(dev.kintsugi.chaos.ChaosMonkey monkey, CatalogManagement catalog) {
        return new PageCard() {
            @Override
            public Placement placement() {
                return new Placement(PageCard.SERVICE, "chaos-monkey", 25);
            }

            @Override
            public Optional<Card> render(CardContext context) {
                return catalog.findService(context.subject())
                        .map(s -> new Card(
                                "chaos/monkey-fragments :: service-card",
                                Map.of(
                                        "service",
                                        s.name(),
                                        "m",
                                        monkey.settings(s.name()),
                                        "history",
                                        monkey.history(s.name(), 5))));
            }
        };
    }
}
