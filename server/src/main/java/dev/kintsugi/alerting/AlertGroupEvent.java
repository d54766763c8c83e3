package dev.kintsugi.alerting;

import dev.kintsugi.incident.Severity;
import java.util.Set;

/** Every change of an alert group: the ids it concerns, for listeners and read models. */
public interface AlertGroupEvent {
    long groupId();

    long integrationId();

    Set<Long> serviceIds();

    Set<Long> teamIds();

    Severity severity();

    String title();
}
