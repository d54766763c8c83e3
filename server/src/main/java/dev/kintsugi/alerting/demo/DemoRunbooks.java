package dev.kintsugi.alerting.demo;

import dev.kintsugi.alerting.DefinitionDraft;
import java.util.List;

/** The demo alert catalog: definitions of the demo teams' alerts, each with its runbook in Markdown. */
final class DemoRunbooks {
    private DemoRunbooks() {}

    static final List<DefinitionDraft> DEFINITIONS = List.of(
            new DefinitionDraft(
                    "checkout.payments.high-latency",
                    "payments",
                    "alertname=\"CheckoutHighLatency\"",
                    "critical=SEV2, warning=SEV3",
                    null,
                    """
                    ## What triggers it
                    The 99th percentile of `checkout-api` request latency stays above **2 seconds** for 5 minutes
                    (`histogram_quantile(0.99, rate(http_server_requests_seconds_bucket{service="checkout-api"}[5m]))`).

                    ## Customer impact
                    Paying takes long; beyond 10 s browsers give up and people abandon their basket. Orders are
                    not lost, but conversion drops within minutes.

                    ## Diagnose
                    1. Open the [checkout dashboard](https://grafana.example.com/d/checkout-api/overview): is it all
                       endpoints or `POST /orders` only?
                    2. Check the payment gateway's latency: most slow checkouts wait on the PSP.
                    3. Look at the database pool (`hikaricp_connections_pending`): saturation shows there first.

                    ## Resolve
                    - PSP slow: switch the card traffic to the secondary PSP (`payments-ctl psp failover`).
                    - Pool saturated: scale `checkout-api` out (`kubectl scale deploy/checkout-api --replicas=8`).
                    - A bad deploy: roll back (`deploy rollback checkout-api`).
                    """,
                    45),
            new DefinitionDraft(
                    "gateway.payments.psp-timeouts",
                    "payments",
                    "alertname=\"PspTimeouts\"",
                    "critical=SEV1, error=SEV2, warning=SEV3",
                    null,
                    """
                    ## What triggers it
                    More than **5 %** of the calls from `payment-gateway` to a payment service provider time out
                    over 5 minutes.

                    ## Customer impact
                    Card payments fail or are retried; customers may see a payment error and try again.

                    ## Diagnose
                    1. Which PSP? The alert's `psp` label, and the PSP's own status page.
                    2. Our egress: are other outgoing calls slow too (NAT gateway, DNS)?

                    ## Resolve
                    - PSP incident: fail over to the secondary PSP and tell support.
                    - Our egress: page the platform team.
                    """,
                    30),
            new DefinitionDraft(
                    "storefront.storefront.error-rate",
                    "storefront",
                    "alertname=\"StorefrontErrorRate\"",
                    "critical=SEV2, warning=SEV3",
                    null,
                    """
                    ## What triggers it
                    More than **1 %** of `storefront-web` responses are 5xx over 10 minutes.

                    ## Customer impact
                    Some product pages or the basket fail to load; people retry or leave.

                    ## Diagnose
                    1. Which routes fail? The [storefront dashboard](https://grafana.example.com/d/storefront-web/overview).
                    2. A recent deploy or feature flag change? Check the deploy log.
                    3. Upstream: the catalog and prices services.

                    ## Resolve
                    - Roll back the last deploy or switch the flag off.
                    - Upstream down: serve the cached catalogue (`storefront-ctl cache-only on`).
                    """,
                    20),
            new DefinitionDraft(
                    "k8s.platform.node-not-ready",
                    "platform",
                    "alertname=\"KubeNodeNotReady\"",
                    "critical=SEV2, warning=SEV4",
                    null,
                    """
                    ## What triggers it
                    A Kubernetes node has reported `Ready=false` for 15 minutes.

                    ## Customer impact
                    None while the other nodes have room: its pods are rescheduled. Several nodes at once reduce
                    capacity for every service.

                    ## Diagnose
                    1. `kubectl describe node <node>`: kubelet, disk or memory pressure?
                    2. Is it one availability zone?

                    ## Resolve
                    - Cordon and drain the node; the autoscaler replaces it.
                    - A whole zone: follow the zone-failure runbook.
                    """,
                    30));
}
