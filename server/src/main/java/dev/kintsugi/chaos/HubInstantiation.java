package dev.kintsugi.chaos;

import java.util.Map;

/**
 * A template made into an experiment of {@code service}: the target ({@code targetId}, one of the service's chaos
 * targets: a proxy API gives {@code proxyApiUrl}, a Kubernetes selector gives namespace and labels, an HTTP
 * endpoint gives the probe URL; or the fields themselves), {@code deployment} for a scale to zero, parameter
 * values over the template's defaults, and an optional title (else the template's name).
 */
public record HubInstantiation(
        String service,
        Long targetId,
        String proxyApiUrl,
        String proxy,
        String namespace,
        String labels,
        String deployment,
        String probeUrl,
        Map<String, Integer> parameters,
        String title) {}
