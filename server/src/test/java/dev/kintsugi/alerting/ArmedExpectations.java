package dev.kintsugi.alerting;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * A second {@link ExpectationSource}, of a kind alerting has no text or link for ({@code drill}), written as a
 * module's source would be — nothing but a bean. It expects nothing until a test arms it for a service, so the
 * suite's other tests never see it.
 */
@Component
class ArmedExpectations implements ExpectationSource {
    static final String KIND = "drill";
    private final Map<Long, Expectation> armed = new ConcurrentHashMap<>();

    void arm(long serviceId, Expectation e) {
        armed.put(serviceId, e);
    }

    void disarm(long serviceId) {
        armed.remove(serviceId);
    }

    @Override
    public Optional<Expectation> expecting(Collection<Long> serviceIds, Instant at) {
        return serviceIds.stream()
                .map(armed::get)
                .filter(e -> e != null && !e.startedAt().isAfter(at))
                .findFirst();
    }
}
