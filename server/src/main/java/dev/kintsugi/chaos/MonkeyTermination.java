package dev.kintsugi.chaos;

/**
 * How the Chaos Monkey terminates: delete one pod of a Kubernetes target's selector, signal a process registered
 * in the server's configuration ({@code kintsugi.chaos.monkey.processes}), take one proxy of a fault-proxy target
 * down for N minutes (a lease the proxy holds itself), or enable a Chaos Monkey for Spring Boot actuator for N
 * minutes.
 */
public enum MonkeyTermination {
    POD,
    PROCESS,
    PROXY_DOWN,
    SPRING_BOOT_ASSAULT
}
