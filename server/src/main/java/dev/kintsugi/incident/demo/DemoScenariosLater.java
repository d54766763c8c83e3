package dev.kintsugi.incident.demo;

import static dev.kintsugi.incident.Severity.SEV1;
import static dev.kintsugi.incident.Severity.SEV2;
import static dev.kintsugi.incident.Severity.SEV3;
import static dev.kintsugi.incident.Severity.SEV4;
import static dev.kintsugi.incident.Severity.SEV5;
import static dev.kintsugi.incident.demo.DemoScenarios.reopened;
import static dev.kintsugi.incident.demo.DemoScenarios.s;

import dev.kintsugi.incident.demo.DemoScenarios.Outcome;
import dev.kintsugi.incident.demo.DemoScenarios.Scenario;
import java.util.List;

/** The second half of the demo company's past year, oldest first (see {@link DemoScenarios}). */
final class DemoScenariosLater {

    static final List<Scenario> LATER = List.of(
            s(
                    SEV2,
                    "Mobile app cannot refresh tokens after auth-service deploy",
                    "auth-service",
                    "Android and iOS users are logged out every few minutes; token refresh returns `400"
                            + " invalid_grant`.",
                    "The release tightened audience validation; refresh tokens issued to the mobile client carry"
                            + " another audience.",
                    "Rolled back auth-service to the previous release; sessions recovered at the next refresh.",
                    "Contract test for the mobile refresh flow in the auth-service pipeline."),
            s(
                    SEV5,
                    "Error-budget alert during a planned chaos experiment",
                    "k8s-platform",
                    "`CheckoutErrorBudgetBurn` fired while the platform team ran the planned pod-kill experiment.",
                    "The experiment's traffic was not excluded from the SLO; customers were not affected.",
                    "Silenced the alert for the experiment window.",
                    "Tag experiment traffic and exclude it from SLO burn alerts.",
                    Outcome.FALSE_POSITIVE),
            s(
                    SEV3,
                    "Payment webhooks failing: orders stay \"awaiting payment\"",
                    "payment-gateway",
                    "Paid orders stay \"awaiting payment\"; the PSP dashboard shows webhook deliveries failing with"
                            + " 401.",
                    "The webhook signing secret was rotated in the PSP console but not in our secret store.",
                    "Updated the secret; the PSP replayed the failed webhooks.",
                    "Rotate webhook secrets with an overlap period; alert on the webhook 401 rate."),
            s(
                    SEV4,
                    "Login page slow from Asia",
                    "auth-service,cdn-edge",
                    "The login page takes 4 s to load from Tokyo and Singapore.",
                    "Login assets bypass the CDN since the path rewrite; every request goes to the EU origin.",
                    "Fixed the cache rule for `/login/assets/*`.",
                    "Synthetic page-load checks from three continents."),
            reopened(
                    SEV3,
                    "Grafana dashboards empty: metrics ingestion dropping samples",
                    "k8s-platform",
                    "Dashboards show gaps; Prometheus remote-write queues are full.",
                    "A new `request_id` label on an HTTP histogram exploded cardinality to 2M series.",
                    "Dropped the label with a relabelling rule; series back to 180k.",
                    "Cardinality limits per scrape job; lint metric labels in CI.",
                    "Gaps are back: a second deployment of the same service still exports the label."),
            s(
                    SEV5,
                    "Synthetic check failing from one region only",
                    "cdn-edge",
                    "The São Paulo synthetic check fails; every other region and real-user monitoring are fine.",
                    "The monitoring vendor's probe in that region had a DNS problem.",
                    "Nothing to fix on our side; the vendor confirmed and fixed their probe.",
                    "Alert only when two or more regions fail.",
                    Outcome.FALSE_POSITIVE),
            s(
                    SEV4,
                    "CI runners out of disk",
                    "k8s-platform",
                    "Builds fail with `no space left on device` on half of the CI runners.",
                    "Docker layer cache is never pruned on the new runner image.",
                    "Pruned the caches and added a nightly prune job.",
                    "Disk usage alerting on CI runners."),
            s(
                    SEV3,
                    "Intermittent 504s on the storefront during the flash sale",
                    "storefront-web,k8s-platform",
                    "About 2% of requests time out during the 18:00 flash sale.",
                    "The horizontal autoscaler hit its maximum of 30 replicas at 95% CPU.",
                    "Raised the maximum to 60 replicas and pre-scaled before the evening sale.",
                    "Pre-scaling step in the flash-sale checklist, owned by Storefront."),
            s(
                    SEV5,
                    "Log shipping delayed by 20 minutes",
                    "k8s-platform",
                    "Logs appear in the search UI 20 minutes late.",
                    "The log collector's buffer was undersized for the new debug logging in checkout.",
                    "Turned checkout logging back to INFO; buffer doubled.",
                    "Log volume budget per service."),
            s(
                    SEV4,
                    "Search suggestions show deleted products",
                    "search-api",
                    "Autocomplete suggests products that were removed from the catalogue.",
                    "The delete events are consumed, but the suggestion index is only rebuilt weekly.",
                    "Rebuilt the suggestion index; deletes now also remove suggestions.",
                    "Consistency check between catalogue and search indexes."),
            s(
                    SEV1,
                    "Login failing for all users: auth-service connection pool exhausted",
                    "auth-service",
                    "Login and token refresh time out after 30 s; every authenticated page fails.",
                    "A new \"last seen\" update ran inside the login transaction and held row locks on `sessions`;"
                            + " connections piled up until the pool of 50 was exhausted.",
                    "Turned off the `track-last-seen` feature flag; the pool recovered within two minutes.",
                    "Move the \"last seen\" write to an asynchronous queue; alert on pool saturation at 80%."),
            s(
                    SEV5,
                    "Planned auth-service maintenance declared as an incident",
                    "auth-service",
                    "An incident was opened for the announced database maintenance window.",
                    "The maintenance was announced, but the on-call engineer was not told.",
                    "No incident: tracked as planned maintenance instead.",
                    "Planned maintenance appears in the on-call handover.",
                    Outcome.CANCELLED),
            s(
                    SEV4,
                    "Recommendations show out-of-stock products",
                    "recommendations",
                    "The carousel suggests products that cannot be bought.",
                    "The stock filter reads a replica that lagged 6 hours behind.",
                    "Pointed the filter at the primary stock feed.",
                    "Alert on replica lag for the stock database."),
            s(
                    SEV2,
                    "Orders stuck in \"pending\": consumer lag on the orders topic",
                    "data-pipeline,checkout-api",
                    "Orders stay \"pending\" for 20+ minutes; consumer lag on `orders.v2` above 400k.",
                    "A message with a null currency made the fulfilment consumer crash and restart in a loop.",
                    "Skipped the offending offset and deployed a null-safe parser.",
                    "Dead-letter topic for messages that cannot be parsed."),
            s(
                    SEV5,
                    "Missing alt text on product images",
                    "storefront-web",
                    "An accessibility audit found product images without alt text.",
                    "The new image component drops the `alt` attribute when the caption is empty.",
                    "Fall back to the product name.",
                    "Accessibility checks in the front-end pipeline."),
            s(
                    SEV4,
                    "Admin back-office search takes 8 s",
                    "search-api",
                    "Support's back-office search takes 8 s per query.",
                    "Back-office queries use a wildcard prefix that cannot use the index.",
                    "Added an n-gram field for back-office lookups.",
                    "Review back-office query patterns with support."),
            s(
                    SEV3,
                    "Password reset e-mails not sent",
                    "notification-service,auth-service",
                    "Password reset requests succeed but no e-mail arrives.",
                    "The password-reset template was deleted during a template clean-up at the e-mail provider.",
                    "Restored the template from the provider's version history.",
                    "Templates as code; synthetic check of the reset flow."),
            s(
                    SEV2,
                    "Product images missing after CDN origin change",
                    "cdn-edge,storefront-web",
                    "Product images return 404 on about 30% of page views.",
                    "The new origin bucket policy omitted the `images/legacy/` prefix.",
                    "Added the prefix to the origin rules and purged cached 404s.",
                    "Synthetic check fetching a sample of legacy image URLs."),
            s(
                    SEV3,
                    "Order history page fails for long-time customers",
                    "checkout-api",
                    "Order history returns 500 for customers with more than 200 orders.",
                    "An unpaginated query hits the 5 s statement timeout.",
                    "Hotfix adding pagination.",
                    "Review unbounded reads in code review."),
            s(
                    SEV4,
                    "Disk usage alert on payment-gateway log volume",
                    "payment-gateway",
                    "Log volume at 85% on two gateway nodes.",
                    "Log rotation stopped after the logrotate config was overwritten by the base image.",
                    "Restored the rotation config and compressed old logs.",
                    "Ship logs only; no local log files on gateway nodes."),
            s(
                    SEV5,
                    "Developer portal serves outdated API docs",
                    "storefront-web",
                    "Partners report the portal still documents the v1 checkout endpoints.",
                    "The docs build was disabled when the portal moved to the new pipeline.",
                    "Re-enabled the docs build.",
                    "Check the docs version in the release checklist."),
            s(
                    SEV5,
                    "Staging data refresh failed",
                    "data-pipeline",
                    "The weekly anonymised copy of production to staging did not run.",
                    "The job's schedule was paused during a migration and never resumed.",
                    "Resumed the schedule and ran the refresh.",
                    "Alert when a scheduled job has not run for twice its period."));

    private DemoScenariosLater() {}
}
