package dev.kintsugi.incident.web;

import dev.kintsugi.incident.TimelineEntryAdded;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live incident pages. Each open page subscribes to its incident's stream (server-sent events); once a change
 * is committed, every subscriber gets a {@code timeline} event and htmx re-fetches the parts that changed,
 * rendered for that viewer (their time zone, their rights). A heartbeat every 15 s drops dead connections.
 */
@Component
class IncidentEventStream {
    private static final long TIMEOUT_MS = 30 * 60 * 1000L;

    private final Map<Long, Set<SseEmitter>> subscribers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "incident-sse-heartbeat");
        t.setDaemon(true);
        return t;
    });

    IncidentEventStream() {
        heartbeat.scheduleAtFixedRate(this::beat, 15, 15, TimeUnit.SECONDS);
    }

    SseEmitter subscribe(long incidentId) {
        SseEmitter emitter = new SseEmitter(TIMEOUT_MS);
        Set<SseEmitter> set = subscribers.computeIfAbsent(incidentId, k -> new CopyOnWriteArraySet<>());
        set.add(emitter);
        Runnable remove = () -> set.remove(emitter);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(e -> remove.run());
        try {
            emitter.send(SseEmitter.event().comment("connected"));
        } catch (IOException e) {
            remove.run();
        }
        return emitter;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(TimelineEntryAdded event) {
        Set<SseEmitter> set = subscribers.get(event.incidentId());
        if (set == null) {
            return;
        }
        for (SseEmitter emitter : set) {
            try {
                emitter.send(SseEmitter.event().name("timeline").data(String.valueOf(event.entryId())));
            } catch (IOException | IllegalStateException e) {
                set.remove(emitter);
            }
        }
    }

    int subscriberCount(long incidentId) {
        Set<SseEmitter> set = subscribers.get(incidentId);
        return set == null ? 0 : set.size();
    }

    private void beat() {
        subscribers
                .values()
                .forEach(set -> set.forEach(emitter -> {
                    try {
                        emitter.send(SseEmitter.event().comment("heartbeat"));
                    } catch (IOException | IllegalStateException e) {
                        set.remove(emitter);
                    }
                }));
    }

    @PreDestroy
    void stop() {
        heartbeat.shutdownNow();
        subscribers.values().forEach(set -> set.forEach(SseEmitter::complete));
    }
}
