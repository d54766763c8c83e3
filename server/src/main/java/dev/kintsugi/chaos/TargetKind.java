package dev.kintsugi.chaos;

/**
 * What a target is: a fault proxy's admin API (Kintsugi proxy or Toxiproxy) with the proxies in front of the
 * service's dependencies, a Kubernetes selector (namespace + labels; credentials from configuration), an HTTP
 * steady-state endpoint, a Chaos Monkey for Spring Boot actuator.
 */
public enum TargetKind {
    PROXY,
    KUBERNETES,
    HTTP,
    CHAOS_MONKEY
}
