package dev.kintsugi.alerting;

/**
 * What a definition is made of, as typed: the name, the owner team (catalog name), label matchers
 * ({@code alertname="X"}), a severity mapping ({@code critical=SEV1}), routing (null: the integration's), the
 * runbook (Markdown) and the expected minutes to resolve.
 */
public record DefinitionDraft(
        String name,
        String ownerTeam,
        String matchers,
        String severityMapping,
        RoutingAction routing,
        String runbook,
        Integer expectedMinutes) {}
