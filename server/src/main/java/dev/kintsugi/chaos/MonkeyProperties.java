package dev.kintsugi.chaos;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Chaos Monkey settings of the server ({@code kintsugi.chaos.monkey.*}).
 *
 * @param planEvery how often the planner looks for services whose working day has started and is not planned yet
 * @param processes the processes of this host the monkey may signal, by name: only these, never a command from the
 *     database (a service's configuration names one of them)
 * @param missedGrace how late a planned minute may be when its day is planned (a server that was down when the day
 *     began) and still be carried out at once; later ones are recorded {@code SKIPPED}
 * @param healthEvery how often the service's steady-state endpoints are looked at after a termination
 */
@ConfigurationProperties("kintsugi.chaos.monkey")
public record MonkeyProperties(
        Duration planEvery, Map<String, RegisteredProcess> processes, Duration missedGrace, Duration healthEvery) {

    public MonkeyProperties {
        planEvery = planEvery == null || planEvery.toSeconds() < 1 ? Duration.ofMinutes(5) : planEvery;
        missedGrace = missedGrace == null || missedGrace.isNegative() ? Duration.ofMinutes(10) : missedGrace;
        healthEvery = healthEvery == null || healthEvery.toSeconds() < 1 ? Duration.ofMinutes(1) : healthEvery;
        processes = processes == null ? Map.of() : Map.copyOf(processes);
    }

    /**
     * A process the monkey may terminate: the one whose id is in {@code pidFile}, sent {@code signal} {@code TERM}
     * (the default: ask it to stop) or {@code KILL}.
     */
    public record RegisteredProcess(String pidFile, String signal) {
        public RegisteredProcess {
            signal =
                    signal == null || signal.isBlank() ? "TERM" : signal.strip().toUpperCase(java.util.Locale.ROOT);
        }
    }
}
