package dev.kintsugi.proxy.toxics;

import dev.kintsugi.proxy.ToxicSpec;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delays each chunk by {@code latency} ± {@code jitter} ms counted from the moment it was read, so a stream
 * is shifted in time, not slowed down (Toxiproxy's semantics).
 */
public final class LatencyToxic implements Toxic {
    private final long latencyNanos;
    private final long jitterMs;

    public LatencyToxic(ToxicSpec spec) {
        this.latencyNanos = spec.longAttribute("latency") * 1_000_000L;
        this.jitterMs = spec.longAttribute("jitter");
    }

    @Override
    public void data(Chunk chunk, Next next) throws IOException, InterruptedException {
        long delay = latencyNanos;
        if (jitterMs > 0) {
            delay += (ThreadLocalRandom.current().nextLong(jitterMs * 2) - jitterMs) * 1_000_000L;
        }
        Sleep.until(chunk.readNanos() + delay);
        next.data(chunk);
    }
}
