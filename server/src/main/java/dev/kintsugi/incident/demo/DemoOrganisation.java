package dev.kintsugi.incident.demo;

import dev.kintsugi.catalog.Tier;
import dev.kintsugi.platform.Role;
import java.util.List;

/** The demo company: people, teams and the services they own. Plain data, no behaviour. */
final class DemoOrganisation {
    static final String PASSWORD = "kintsugi-demo";

    record Person(String username, String displayName, Role role, String timeZone, String locale) {
        String email() {
            return username + "@example.com";
        }
    }

    record TeamSpec(String name, String displayName, String description, String channel, List<String> members) {}

    record ServiceSpec(String name, String displayName, String description, Tier tier, String owner) {
        String runbookUrl() {
            return "https://runbooks.example.com/" + name;
        }

        String dashboardUrl() {
            return "https://grafana.example.com/d/" + name + "/overview";
        }

        String repositoryUrl() {
            return "https://git.example.com/acme/" + name;
        }
    }

    static final List<Person> PEOPLE = List.of(
            new Person("admin", "Administrator", Role.ADMIN, "UTC", "en"),
            new Person("amelie.laurent", "Amélie Laurent", Role.RESPONDER, "Europe/Paris", "fr"),
            new Person("jonas.berg", "Jonas Berg", Role.RESPONDER, "Europe/Berlin", "en"),
            new Person("marcus.reed", "Marcus Reed", Role.RESPONDER, "America/New_York", "en"),
            new Person("sofia.alvarez", "Sofía Álvarez", Role.RESPONDER, "America/Chicago", "en"),
            new Person("yuki.tanaka", "Yuki Tanaka", Role.RESPONDER, "Asia/Tokyo", "en"),
            new Person("priya.sharma", "Priya Sharma", Role.RESPONDER, "Asia/Kolkata", "en"),
            new Person("nadia.okafor", "Nadia Okafor", Role.RESPONDER, "UTC", "en"),
            new Person("lucas.moreau", "Lucas Moreau", Role.CHAOS_ENGINEER, "Europe/Paris", "fr"),
            new Person("grace.kim", "Grace Kim", Role.VIEWER, "America/New_York", "en"));

    static final List<TeamSpec> TEAMS = List.of(
            new TeamSpec(
                    "payments",
                    "Payments",
                    "Checkout, payment service providers, refunds and invoices.",
                    "#payments-oncall",
                    List.of("amelie.laurent", "jonas.berg", "nadia.okafor", "grace.kim")),
            new TeamSpec(
                    "storefront",
                    "Storefront",
                    "The shop people see: web front end, prices and promotions.",
                    "#storefront",
                    List.of("marcus.reed", "sofia.alvarez", "nadia.okafor", "grace.kim")),
            new TeamSpec(
                    "platform",
                    "Platform & SRE",
                    "Kubernetes clusters, CDN, observability, notifications; runs the chaos programme.",
                    "#platform-sre",
                    List.of("yuki.tanaka", "lucas.moreau", "amelie.laurent")),
            new TeamSpec(
                    "data",
                    "Data & Search",
                    "Search, recommendations and the data pipeline into the warehouse.",
                    "#data-eng",
                    List.of("priya.sharma", "sofia.alvarez", "yuki.tanaka")),
            new TeamSpec(
                    "identity",
                    "Identity",
                    "Login, sessions, OAuth clients and account recovery.",
                    "identity-oncall@example.com",
                    List.of("jonas.berg", "marcus.reed", "lucas.moreau")));

    static final List<ServiceSpec> SERVICES = List.of(
            new ServiceSpec(
                    "checkout-api",
                    "Checkout API",
                    "Turns a basket into an order: price check, payment authorisation, confirmation.",
                    Tier.TIER_1,
                    "payments"),
            new ServiceSpec(
                    "payment-gateway",
                    "Payment gateway",
                    "Adapter to our payment service providers (cards, wallets); owns idempotency and webhooks.",
                    Tier.TIER_1,
                    "payments"),
            new ServiceSpec(
                    "storefront-web",
                    "Storefront web",
                    "Server-rendered shop front: home, product pages, basket.",
                    Tier.TIER_1,
                    "storefront"),
            new ServiceSpec(
                    "auth-service",
                    "Auth service",
                    "Login, sessions and OAuth tokens for web and mobile clients.",
                    Tier.TIER_1,
                    "identity"),
            new ServiceSpec(
                    "pricing-service",
                    "Pricing service",
                    "Prices, currencies, promotions and coupon validation.",
                    Tier.TIER_2,
                    "storefront"),
            new ServiceSpec(
                    "search-api",
                    "Search API",
                    "Product search and autocomplete on an Elasticsearch cluster.",
                    Tier.TIER_2,
                    "data"),
            new ServiceSpec(
                    "cdn-edge",
                    "CDN edge",
                    "CDN configuration, edge workers, cache purges and TLS at the edge.",
                    Tier.TIER_2,
                    "platform"),
            new ServiceSpec(
                    "k8s-platform",
                    "Kubernetes platform",
                    "Production clusters, ingress, autoscaling, metrics and logs.",
                    Tier.TIER_2,
                    "platform"),
            new ServiceSpec(
                    "notification-service",
                    "Notification service",
                    "Transactional e-mail, SMS and push notifications.",
                    Tier.TIER_3,
                    "platform"),
            new ServiceSpec(
                    "data-pipeline",
                    "Data pipeline",
                    "Event streams and nightly exports into the warehouse; feeds finance dashboards.",
                    Tier.TIER_3,
                    "data"),
            new ServiceSpec(
                    "recommendations",
                    "Recommendations",
                    "\"People also bought\" carousel; best effort, the storefront must work without it.",
                    Tier.TIER_4,
                    "data"));

    private DemoOrganisation() {}
}
