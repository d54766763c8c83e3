package dev.kintsugi.alerting;

/**
 * What creating an integration needs: a name, the source, the owning service or team (catalog names, one of the
 * two), whether requests are signed, the generic source's field mapping (JSON, see {@link FieldMapping}) and the
 * routing of its alerts (default {@link RoutingAction#ATTACH}). {@code key} keeps a sender's existing key (a
 * PagerDuty routing key, an Opsgenie API key) so that moving to Kintsugi changes only its URL; null: a new one.
 */
public record NewIntegration(
        String name,
        SourceType sourceType,
        String service,
        String team,
        boolean signed,
        String mapping,
        RoutingAction routing,
        String key) {}
