package dev.kintsugi.proxy.toxics;

import java.io.IOException;

/**
 * One toxic acting on one direction of one connection. Chunks arrive in order on that direction's processor
 * thread; a toxic passes (possibly changed, split or delayed) data to {@code next}, or drops it.
 */
public interface Toxic {

    /** Called once when the toxic joins a live connection (possibly long after the connection opened). */
    default void attach(ToxicContext context) {}

    void data(Chunk chunk, Next next) throws IOException, InterruptedException;

    /** The source closed its side; {@code next.eof()} passes the close on. */
    default void eof(Next next) throws IOException, InterruptedException {
        next.eof();
    }

    /** The toxic left the connection: removed through the API ({@code removed}) or the connection closed. */
    default void detach(boolean removed) {}

    /** A chunk of bytes read from the source at {@code readNanos} ({@link System#nanoTime()}). */
    record Chunk(byte[] data, int offset, int length, long readNanos) {
        public Chunk slice(int from, int to) {
            return new Chunk(data, offset + from, to - from, readNanos);
        }
    }

    /** The rest of the chain after a toxic. */
    interface Next {
        void data(Chunk chunk) throws IOException, InterruptedException;

        void eof() throws IOException, InterruptedException;
    }
}
