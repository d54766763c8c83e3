package dev.kintsugi.support;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * A server-sent-events stream read on a thread of its own: every named event is kept as {@code "event: data"}, in
 * the order received. {@link #close()} stops reading.
 */
public final class EventStream implements AutoCloseable {
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final HttpResponse<Stream<String>> response;
    private final Thread reader;

    private EventStream(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = Thread.ofVirtual().start(this::read);
    }

    /** Opens {@code path}'s stream in {@code session}; fails unless it answers 200 with {@code text/event-stream}. */
    public static EventStream open(WebSession session, String path) {
        HttpResponse<Stream<String>> response = session.stream(path);
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (response.statusCode() != 200 || !type.startsWith("text/event-stream")) {
            response.body().close();
            throw new IllegalStateException(path + " answered " + response.statusCode() + " " + type);
        }
        return new EventStream(response);
    }

    private void read() {
        String[] event = {null};
        try (Stream<String> lines = response.body()) {
            lines.forEach(line -> {
                if (line.startsWith("event:")) {
                    event[0] = line.substring(6).trim();
                } else if (line.startsWith("data:") && event[0] != null) {
                    received.add(event[0] + ": " + line.substring(5).trim());
                    event[0] = null;
                }
            });
        } catch (RuntimeException e) {
            // closed
        }
    }

    /** The {@code "event: data"} pairs received so far, in order. */
    public List<String> received() {
        return received;
    }

    @Override
    public void close() {
        reader.interrupt();
        response.body().close();
    }
}
