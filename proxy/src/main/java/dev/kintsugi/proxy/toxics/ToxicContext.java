package dev.kintsugi.proxy.toxics;

import java.nio.ByteBuffer;
import java.util.concurrent.ScheduledExecutorService;

/** What a toxic may do to its connection besides passing data on. */
public interface ToxicContext {

    /** Closes both sides of the connection with FIN. */
    void close();

    /** Closes both sides with RST (SO_LINGER 0), as a peer that resets the connection. */
    void reset();

    /** Writes bytes back to the client (used by {@code http_error}, which answers in place of the upstream). */
    void replyToClient(ByteBuffer bytes) throws java.io.IOException;

    /** Shared timer for toxics that act without data (timeout, reset_peer). */
    ScheduledExecutorService scheduler();
}
