package dev.kintsugi.statuspage;

import java.util.Set;

/**
 * Something public changed on the status page: {@code what} is one of {@code component}, {@code update},
 * {@code summary}, {@code maintenance}, {@code maintenance-cancelled}, {@code audience}; the incident (null if
 * none), the item (the public update's or the maintenance's id; null otherwise) and the services it concerns.
 */
public record StatusPageChanged(String what, Long incidentId, Long itemId, Set<Long> serviceIds) {
    public StatusPageChanged {
        serviceIds = Set.copyOf(serviceIds);
    }
}
