package dev.kintsugi.proxy.toxics;

import dev.kintsugi.proxy.ToxicSpec;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * On the first data, drops it and resets the connection (TCP RST) {@code timeout} ms later; 0 resets at
 * once (Toxiproxy's semantics).
 */
public final class ResetPeerToxic implements Toxic {
    private final long timeoutMs;
    private ToxicContext context;
    private ScheduledFuture<?> timer;

    public ResetPeerToxic(ToxicSpec spec) {
        this.timeoutMs = spec.longAttribute("timeout");
    }

    @Override
    public synchronized void attach(ToxicContext context) {
        this.context = context;
    }

    @Override
    public synchronized void data(Chunk chunk, Next next) {
        if (timer != null) {
            return;
        }
        if (timeoutMs <= 0) {
            context.reset();
        } else {
            timer = context.scheduler().schedule(context::reset, timeoutMs, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void detach(boolean removed) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
