package dev.kintsugi.incident.demo;

import dev.kintsugi.incident.DeclareIncident;
import dev.kintsugi.incident.IncidentRole;
import dev.kintsugi.incident.IncidentStatus;
import dev.kintsugi.incident.Severity;
import dev.kintsugi.incident.Transition;
import dev.kintsugi.incident.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.transaction.support.TransactionTemplate;

/** The demo's two incidents still open, played through the facade like the past ones ({@link DemoHistory}). */
final class DemoOpenIncidents extends DemoSteps {
    private final TransactionTemplate tx;

    DemoOpenIncidents(DemoSteps steps, TransactionTemplate tx) {
        super(steps);
        this.tx = tx;
    }

    /** Two incidents still open: a SEV2 well under way and a fresh SEV4. */
    void seedOpen() {
        tx.executeWithoutResult(s -> {
            Instant declared = now.minus(Duration.ofMinutes(55));
            String key = at(
                    "jonas.berg",
                    declared,
                    () -> incidents
                            .declare(new DeclareIncident(
                                    "Amex card payments declined at checkout",
                                    """
                                    ## What we see
                                    About 35% of American Express authorisations are declined with `05 Do not honour` \
                                    since shortly before the page. Visa and Mastercard are fine.

                                    ## Impact
                                    Customers paying with Amex cannot complete checkout; most retry with another card.

                                    ## Links
                                    - Runbook: https://runbooks.example.com/payment-gateway
                                    - Dashboard: https://grafana.example.com/d/payment-gateway/overview
                                    """,
                                    Severity.SEV2,
                                    List.of("payment-gateway", "checkout-api"),
                                    now.minus(Duration.ofMinutes(71)),
                                    now.minus(Duration.ofMinutes(62)),
                                    false,
                                    null,
                                    declared))
                            .key());
            at("amelie.laurent", now.minus(Duration.ofMinutes(52)), () -> incidents.acknowledge(key));
            at(
                    "amelie.laurent",
                    now.minus(Duration.ofMinutes(51)),
                    () -> incidents.assign(key, IncidentRole.SCRIBE, "jonas.berg"));
            at(
                    "amelie.laurent",
                    now.minus(Duration.ofMinutes(51)),
                    () -> incidents.assign(key, IncidentRole.COMMUNICATIONS, "nadia.okafor"));
            note(
                    key,
                    "jonas.berg",
                    now.minus(Duration.ofMinutes(49)),
                    "payments team",
                    "Declines are all `05` from the acquirer, only for Amex, across all PSP regions.");
            statusUpdate(
                    key,
                    "nadia.okafor",
                    now.minus(Duration.ofMinutes(45)),
                    Visibility.PUBLIC,
                    "Some American Express payments are being declined. Other cards are not affected. We are"
                            + " investigating; next update in 30 minutes.");
            note(
                    key,
                    "nadia.okafor",
                    now.minus(Duration.ofMinutes(40)),
                    "customer support",
                    "Support has 23 tickets and a spike in chat about declined Amex cards.");
            note(
                    key,
                    "yuki.tanaka",
                    now.minus(Duration.ofMinutes(33)),
                    "platform",
                    "No infrastructure change in the last 24 h. Gateway egress and TLS handshakes look normal.");
            long cause = note(
                    key,
                    "amelie.laurent",
                    now.minus(Duration.ofMinutes(27)),
                    "payments team",
                    "**Likely cause:** this morning's 3-D Secure config release sends the new `challengeIndicator`"
                            + " for Amex, which the acquirer rejects. Preparing a rollback of the config only.");
            at(
                    "amelie.laurent",
                    now.minus(Duration.ofMinutes(25)),
                    () -> incidents.transition(key, Transition.to(IncidentStatus.IDENTIFIED)));
            at("amelie.laurent", now.minus(Duration.ofMinutes(25)), () -> incidents.pin(key, cause, true));
            statusUpdate(
                    key,
                    "nadia.okafor",
                    now.minus(Duration.ofMinutes(15)),
                    Visibility.PUBLIC,
                    "We have identified the cause of the declined American Express payments and are rolling out a"
                            + " fix.");
            note(
                    key,
                    "jonas.berg",
                    now.minus(Duration.ofMinutes(8)),
                    "payments team",
                    "Config rollback is at 50% of gateway pods; Amex approval rate recovering on those (92%).");
        });
        tx.executeWithoutResult(s -> {
            Instant declared = now.minus(Duration.ofMinutes(18));
            String key = at(
                    "priya.sharma",
                    declared,
                    () -> incidents
                            .declare(new DeclareIncident(
                                    "Recommendation carousel empty for some users",
                                    """
                                    ## What we see
                                    The "People also bought" carousel is empty on about 10% of product pages since \
                                    the model refresh.

                                    ## Impact
                                    Low: pages render, the carousel is hidden. Best-effort feature.
                                    """,
                                    Severity.SEV4,
                                    List.of("recommendations"),
                                    now.minus(Duration.ofMinutes(40)),
                                    now.minus(Duration.ofMinutes(21)),
                                    false,
                                    null,
                                    declared))
                            .key());
            at("priya.sharma", now.minus(Duration.ofMinutes(15)), () -> incidents.acknowledge(key));
            note(
                    key,
                    "priya.sharma",
                    now.minus(Duration.ofMinutes(12)),
                    "data team",
                    "Empty results come from products added in the last week: the new model has no embeddings for"
                            + " them yet. Checking whether the fallback to best-sellers still works.");
            note(
                    key,
                    "sofia.alvarez",
                    now.minus(Duration.ofMinutes(4)),
                    "storefront team",
                    "Storefront side: the carousel is hidden when empty, as designed; no errors in the page logs.");
        });
    }
}
