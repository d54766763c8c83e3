package dev.kintsugi.alerting;

import dev.kintsugi.chaos.ChaosMonkey;
import dev.kintsugi.chaos.MonkeyTerminated;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The Chaos Monkey's terminations, as an {@link ExpectationSource}: while a termination the monkey carried out
 * lasts (a proxy down or an assault for its minutes; a pod or a process while the service may still be recovering),
 * alerts of its service are expected. What lasts is asked of the chaos module's facade (its own table), so every
 * instance of a cluster answers the same; the event is heard to log what alerting will expect. A leashed
 * termination did nothing: it makes nothing expected.
 */
@Component
class MonkeyTerminationExpectations implements ExpectationSource {
    /** A termination by the Chaos Monkey; {@code reference} is the termination's id in the chaos module. */
    static final String KIND = "monkey-termination";

    private static final Logger log = LoggerFactory.getLogger(MonkeyTerminationExpectations.class);

    private final ChaosMonkey monkey;

    MonkeyTerminationExpectations(ChaosMonkey monkey) {
        this.monkey = monkey;
    }

    @ApplicationModuleListener
    void on(MonkeyTerminated e) {
        if (!e.leashed()) {
            log.info(
                    "Chaos Monkey terminated {} on service {}: its alerts are expected for a while",
                    e.target(),
                    e.serviceId());
        }
    }

    @Override
    public Optional<Expectation> expecting(Collection<Long> serviceIds, Instant at) {
        return monkey.inEffect(serviceIds, at).map(r -> new Expectation(KIND, r.id(), null, r.occurredAt()));
    }
}
