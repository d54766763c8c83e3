package dev.kintsugi.incident.demo;

import static dev.kintsugi.incident.Severity.SEV1;
import static dev.kintsugi.incident.Severity.SEV2;
import static dev.kintsugi.incident.Severity.SEV3;
import static dev.kintsugi.incident.Severity.SEV4;
import static dev.kintsugi.incident.Severity.SEV5;

import dev.kintsugi.incident.Severity;
import java.util.List;
import java.util.stream.Stream;

/** The past incidents of the demo company, oldest first. Plain data: what happened, why, and what fixed it. */
final class DemoScenarios {

    /** How an incident ended. */
    enum Outcome {
        RESOLVED,
        /** Resolved, reopened once (with {@link Scenario#reopenReason()}), then resolved again. */
        REOPENED,
        FALSE_POSITIVE,
        /** A duplicate of the scenario just before it, declared a few minutes later. */
        DUPLICATE,
        CANCELLED
    }

    record Scenario(
            Severity severity,
            String title,
            List<String> services,
            String symptom,
            String cause,
            String fix,
            String followUp,
            Outcome outcome,
            String reopenReason) {}

    static Scenario s(
            Severity sev, String title, String services, String symptom, String cause, String fix, String followUp) {
        return new Scenario(
                sev, title, List.of(services.split(",")), symptom, cause, fix, followUp, Outcome.RESOLVED, null);
    }

    static Scenario s(
            Severity sev,
            String title,
            String services,
            String symptom,
            String cause,
            String fix,
            String followUp,
            Outcome outcome) {
        return new Scenario(sev, title, List.of(services.split(",")), symptom, cause, fix, followUp, outcome, null);
    }

    static Scenario reopened(
            Severity sev,
            String title,
            String services,
            String symptom,
            String cause,
            String fix,
            String followUp,
            String reopenReason) {
        return new Scenario(
                sev,
                title,
                List.of(services.split(",")),
                symptom,
                cause,
                fix,
                followUp,
                Outcome.REOPENED,
                reopenReason);
    }

    /** The first half of the year; the second is in {@link DemoScenariosLater}. */
    private static final List<Scenario> EARLIER = List.of(
            s(
                    SEV4,
                    "Staging certificates expired, blocking deploys",
                    "k8s-platform",
                    "Every deploy pipeline fails at the staging smoke test with `x509: certificate has expired`.",
                    "cert-manager in staging lost its ACME account key after the namespace was recreated; renewals"
                            + " failed silently for three weeks.",
                    "Restored the account key from the backup and forced renewal of all staging certificates.",
                    "Alert on certificates expiring within 14 days, in every environment."),
            s(
                    SEV3,
                    "Order confirmation e-mails delayed by up to 2 hours",
                    "notification-service",
                    "Confirmation e-mails arrive 1–2 hours late; the outbound queue holds 90k messages.",
                    "The e-mail provider throttled us after a marketing campaign went out from the transactional"
                            + " sending domain.",
                    "Moved marketing sends to their own subdomain and IP pool; the queue drained in 40 minutes.",
                    "Separate transactional and marketing sending at the provider, enforced by configuration."),
            s(
                    SEV5,
                    "Typo in order confirmation e-mail subject",
                    "notification-service",
                    "Subject line reads \"Your oder is confirmed\" since this morning's template change.",
                    "Template edited directly in the provider's console, without review.",
                    "Corrected the template.",
                    "Templates as code, reviewed and deployed with the service."),
            s(
                    SEV1,
                    "Checkout 502s after payment-gateway TLS rotation",
                    "checkout-api,payment-gateway",
                    "Checkout returns HTTP 502 for about 60% of orders; payment-gateway logs `PKIX path building"
                            + " failed` when calling the PSP.",
                    "The rotated client certificate was issued by the new intermediate CA, which the PSP's endpoint"
                            + " does not trust yet; gateway pods picked it up as they restarted.",
                    "Rolled the gateway back to the previous certificate bundle (`kubectl rollout undo"
                            + " deploy/payment-gateway`) and pinned it until the PSP trusts the new chain.",
                    "Certificate rotation runbook: run a synthetic transaction against the PSP sandbox before any"
                            + " production rollout."),
            s(
                    SEV4,
                    "Invoice PDF rendering takes 10 s",
                    "checkout-api",
                    "Downloading an invoice takes around 10 s; support forwards complaints from business customers.",
                    "The font cache directory is on a read-only filesystem since the container hardening, so fonts are"
                            + " re-parsed on every render.",
                    "Mounted an `emptyDir` for the font cache.",
                    "Container hardening checklist: list writable paths each service needs."),
            s(
                    SEV5,
                    "Flaky health-check alert on recommendations",
                    "recommendations",
                    "`RecommendationsDown` fired three times overnight, each time for under a minute.",
                    "The probe's 1 s timeout is shorter than the service's GC pauses; the service itself was serving"
                            + " normally.",
                    "No action on the service; probe timeout raised to 3 s.",
                    "Alert on the error rate seen by users, not on a single probe.",
                    Outcome.FALSE_POSITIVE),
            reopened(
                    SEV2,
                    "Search latency p99 > 3 s",
                    "search-api,storefront-web",
                    "Search p99 went from 350 ms to 3.4 s; autocomplete times out in the storefront.",
                    "The nightly reindex started during peak hours after its cron moved to UTC, and segment merges"
                            + " saturated disk I/O on the data nodes.",
                    "Throttled the reindex (`indices.store.throttle.max_bytes_per_sec`) and moved the job back to"
                            + " 02:00 Europe/Paris.",
                    "Schedule jobs in an explicit time zone; alert when a reindex overlaps peak traffic.",
                    "p99 climbed back to 2.8 s when the next reindex batch started: the throttle was applied to one"
                            + " index only."),
            s(
                    SEV4,
                    "Newsletter unsubscribe link returns 404",
                    "notification-service",
                    "The unsubscribe link in yesterday's newsletter leads to a 404 page.",
                    "The link template still points at the route removed with the old preferences page.",
                    "Added a redirect from the old route to the new preferences page.",
                    "Check links of outgoing templates in CI."),
            s(
                    SEV3,
                    "Recommendations timing out, product pages slow",
                    "recommendations,storefront-web",
                    "Product pages take 4–6 s to render; calls to recommendations hit the 3 s timeout.",
                    "The feature-store cache was emptied by a deploy and cold reads went to the warehouse.",
                    "Warmed the cache from the last snapshot; storefront timeout for recommendations cut to 500 ms"
                            + " with a fallback carousel.",
                    "The storefront treats recommendations as optional: fallback by default."),
            s(
                    SEV5,
                    "Checkout dashboard shows latency in the wrong unit",
                    "checkout-api",
                    "The checkout dashboard reports p95 latency of 350 s.",
                    "The histogram moved from milliseconds to seconds; the panel still multiplies by 1000.",
                    "Fixed the panel's unit.",
                    "Dashboards as code, reviewed with the metric change."),
            s(
                    SEV2,
                    "Payments double-charged on retry after gateway timeouts",
                    "payment-gateway,checkout-api",
                    "About 140 customers were charged twice; the gateway retried authorisations that had in fact"
                            + " succeeded.",
                    "The PSP's response time rose above our 15 s client timeout and our retry did not reuse the"
                            + " idempotency key.",
                    "Disabled automatic retries and refunded the duplicate authorisations from the PSP console.",
                    "Always send the idempotency key on retries; contract test for slow PSP responses."),
            s(
                    SEV4,
                    "Duplicate push notifications on Android",
                    "notification-service",
                    "Android users receive each shipping notification two or three times.",
                    "The push worker acknowledged messages after sending, and a slow provider made the broker"
                            + " redeliver them.",
                    "Deduplicate on message id for 10 minutes before sending.",
                    "Idempotent consumers for every notification channel."),
            s(
                    SEV3,
                    "Data pipeline nightly export failed: dashboards show yesterday's revenue",
                    "data-pipeline",
                    "Finance dashboards stopped at yesterday 23:00; the export job failed three retries.",
                    "The warehouse service account's password expired under the 90-day policy.",
                    "Rotated the credential into the secret store and re-ran the export.",
                    "Key-based auth for service accounts; alert 14 days before any credential expires."),
            s(
                    SEV5,
                    "Warehouse query costs tripled overnight",
                    "data-pipeline",
                    "Yesterday's warehouse bill is three times the usual; no user impact.",
                    "A new exploratory dashboard refreshes a full-table scan every 5 minutes.",
                    "Set the dashboard to refresh hourly on a pre-aggregated table.",
                    "Cost alert per project at 150% of the 7-day average."),
            s(
                    SEV1,
                    "Storefront down: ingress controller crash-looping after node pool upgrade",
                    "storefront-web,k8s-platform",
                    "All storefront pages return 503 from the load balancer; ingress-nginx pods are in"
                            + " CrashLoopBackOff.",
                    "The new node image lacks the `nf_conntrack` module the ingress init container tunes; the init"
                            + " container fails and the pods never become ready.",
                    "Cordoned the new node pool and moved ingress back to the previous pool; upgrade paused.",
                    "Canary node pool upgrades with the ingress DaemonSet first; alert when fewer than 2 ingress"
                            + " replicas are ready."),
            s(
                    SEV3,
                    "Coupon codes rejected at checkout for Asia-Pacific customers",
                    "checkout-api,pricing-service",
                    "Valid coupons are refused as \"expired\" for customers in Asia-Pacific time zones on their last"
                            + " day.",
                    "Coupon validity compared a local date with a UTC timestamp.",
                    "Hotfix comparing instants; re-enabled the affected coupons and honoured refused orders.",
                    "Property tests for date boundaries across time zones."),
            s(
                    SEV4,
                    "JPY prices rounded to the wrong unit",
                    "pricing-service",
                    "Some JPY prices show decimals (¥1,299.50) on product pages.",
                    "The currency formatter assumed two minor units for every currency.",
                    "Use the ISO 4217 minor units per currency.",
                    "Pricing tests for zero-decimal currencies."),
            s(
                    SEV2,
                    "Stale prices served from CDN",
                    "cdn-edge,pricing-service",
                    "Product pages show last week's prices; the basket recalculates, so customers see a different"
                            + " total at checkout.",
                    "The price-change purge calls to the CDN have failed with 429 since the API key's rate limit was"
                            + " lowered; failures were only logged at DEBUG.",
                    "Purged the product path prefix by hand and had the CDN vendor restore the purge rate limit.",
                    "Treat purge failures as errors, with retries and a metric; alert on the purge failure rate."),
            s(
                    SEV3,
                    "Wrong prices on product pages",
                    "pricing-service",
                    "Support reports product pages disagreeing with the basket total.",
                    "Same cause as the stale CDN prices incident declared minutes earlier.",
                    "Handled in the original incident.",
                    "None here; see the original incident.",
                    Outcome.DUPLICATE),
            s(
                    SEV5,
                    "Footer links to the old status page",
                    "storefront-web",
                    "The \"Service status\" link in the footer goes to the retired status page.",
                    "The footer is hard-coded in a template nobody owns.",
                    "Updated the link.",
                    "Move the footer to the CMS, owned by Storefront."),
            s(
                    SEV3,
                    "Search returns nothing for queries with accents",
                    "search-api",
                    "Queries like \"crème\" return no results; about 4% of French searches are affected.",
                    "The analyzer change dropped the ASCII folding filter from the `products-fr` index.",
                    "Restored the folding filter and reindexed `products-fr`.",
                    "Golden queries per locale in the search regression suite."),
            s(
                    SEV4,
                    "Data pipeline job running three times slower",
                    "data-pipeline",
                    "The hourly sessions job takes 50 minutes instead of 15.",
                    "The upstream table lost its partitioning in a migration; every run scans the whole table.",
                    "Recreated the partitioning and backfilled.",
                    "Check partitioning in the migration review."));

    static final List<Scenario> PAST =
            Stream.concat(EARLIER.stream(), DemoScenariosLater.LATER.stream()).toList();

    private DemoScenarios() {}
}
