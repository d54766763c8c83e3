package dev.kintsugi.proxy.toxics;

import dev.kintsugi.proxy.ToxicSpec;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Drops all data and closes the connection after {@code timeout} ms without data (0: never closes, data is
 * dropped until the toxic is removed). Removing it closes the connection, as Toxiproxy does: the stream has
 * lost bytes and cannot be trusted any more.
 */
public final class TimeoutToxic implements Toxic {
    private final long timeoutMs;
    private ToxicContext context;
    private ScheduledFuture<?> timer;

    public TimeoutToxic(ToxicSpec spec) {
        this.timeoutMs = spec.longAttribute("timeout");
    }

    @Override
    public synchronized void attach(ToxicContext context) {
        this.context = context;
        arm();
    }

    @Override
    public synchronized void data(Chunk chunk, Next next) {
        arm();
    }

    @Override
    public void eof(Next next) {
        context.close();
    }

    @Override
    public synchronized void detach(boolean removed) {
        if (timer != null) {
            timer.cancel(false);
        }
        if (removed) {
            context.close();
        }
    }

    private void arm() {
        if (timeoutMs <= 0) {
            return;
        }
        if (timer != null) {
            timer.cancel(false);
        }
        timer = context.scheduler().schedule(context::close, timeoutMs, TimeUnit.MILLISECONDS);
    }
}
