package dev.kintsugi.platform;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * This instance's open event streams by topic; delivers updates on its own thread, heartbeats, drops dead streams,
 * completes all on shutdown.
 */
@Component
class LiveSubscribers {
    private static final long TIMEOUT_MS = 30 * 60 * 1000L;
    private static final long HEARTBEAT_SECONDS = 15;

    private final Map<String, Set<SseEmitter>> topics = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "live-updates-heartbeat");
        t.setDaemon(true);
        return t;
    });

    // Writing to a stream can block on a slow client: never in the committing thread, which still holds its
    // database connection in afterCommit. One thread keeps the order of updates.
    private final ExecutorService delivery = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "live-updates-delivery");
        t.setDaemon(true);
        return t;
    });

    LiveSubscribers() {
        heartbeat.scheduleAtFixedRate(this::beat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
    }

    SseEmitter subscribe(String topic) {
        SseEmitter emitter = new SseEmitter(TIMEOUT_MS);
        topics.compute(topic, (k, set) -> {
            Set<SseEmitter> s = set == null ? new CopyOnWriteArraySet<>() : set;
            s.add(emitter);
            return s;
        });
        Runnable remove = () -> remove(topic, emitter);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(e -> remove.run());
        send(topic, emitter, SseEmitter.event().comment("connected"));
        return emitter;
    }

    /** Hands {@code update} to the delivery thread; returns at once. */
    void deliver(LiveUpdate update) {
        try {
            delivery.execute(() -> deliverNow(update));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shutting down: the streams are being completed anyway
        }
    }

    private void deliverNow(LiveUpdate update) {
        Set<SseEmitter> set = topics.get(update.topic());
        if (set == null) {
            return;
        }
        for (SseEmitter emitter : set) {
            send(
                    update.topic(),
                    emitter,
                    SseEmitter.event().name(update.event()).data(update.data()));
        }
    }

    int count(String topic) {
        Set<SseEmitter> set = topics.get(topic);
        return set == null ? 0 : set.size();
    }

    private void beat() {
        topics.forEach((topic, set) ->
                set.forEach(emitter -> send(topic, emitter, SseEmitter.event().comment("heartbeat"))));
    }

    private void send(String topic, SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        try {
            emitter.send(event);
        } catch (IOException | IllegalStateException e) {
            remove(topic, emitter);
        }
    }

    private void remove(String topic, SseEmitter emitter) {
        topics.computeIfPresent(topic, (k, set) -> {
            set.remove(emitter);
            return set.isEmpty() ? null : set;
        });
    }

    @PreDestroy
    void stop() {
        heartbeat.shutdownNow();
        delivery.shutdownNow();
        topics.values().forEach(set -> set.forEach(SseEmitter::complete));
        topics.clear();
    }
}
