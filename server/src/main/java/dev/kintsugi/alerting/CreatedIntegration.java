package dev.kintsugi.alerting;

/** A new (or re-keyed) integration with its key and signing secret, shown once and never again. */
public record CreatedIntegration(Integration integration, String key, String signingSecret) {}
