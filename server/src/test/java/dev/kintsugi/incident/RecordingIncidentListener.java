package dev.kintsugi.incident;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Listens like a future module would (post-mortem, insights): asynchronously, through the event registry. */
@Component
class RecordingIncidentListener {
    private final List<Object> received = new CopyOnWriteArrayList<>();

    /** What arrived so far (a method, not a field: the bean is a proxy). */
    List<Object> received() {
        return received;
    }

    @ApplicationModuleListener
    void on(IncidentDeclared e) {
        received.add(e);
    }

    @ApplicationModuleListener
    void on(IncidentResolved e) {
        received.add(e);
    }

    @ApplicationModuleListener
    void on(IncidentClosed e) {
        received.add(e);
    }

    @ApplicationModuleListener
    void on(IncidentStatusChanged e) {
        received.add(e);
    }
}
