package dev.kintsugi.alerting;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * Something planned that makes alerts expected while it lasts: a chaos run today ({@link ChaosRunExpectations}),
 * later a Chaos Monkey termination or a Game Day. Each source is a bean of alerting that hears its module's events
 * (the other module knows nothing of alerting) and keeps what is in progress; the alert intake asks every source
 * when a group opens and takes the most recently started {@link Expectation}. What an expected alert then does is
 * {@code kintsugi.alerting.chaos-alerts}, the same for every source.
 */
public interface ExpectationSource {
    /** What is in progress at {@code at} on one of {@code serviceIds} and makes their alerts expected, if any. */
    Optional<Expectation> expecting(Collection<Long> serviceIds, Instant at);

    /**
     * Where an expectation of this source's kind is seen (a path of the product, such as {@code /chaos/runs/12}),
     * for the alert's page and the incident's card; empty (the default, and for other kinds): shown as text.
     */
    default Optional<String> link(Expectation expectation) {
        return Optional.empty();
    }
}
