package dev.kintsugi.proxy.toxics;

import dev.kintsugi.proxy.ToxicSpec;
import java.io.IOException;

/**
 * Limits the rate to {@code rate} KB/s (1 KB = 1000 bytes, as Toxiproxy); 0 means unlimited. Data goes out in
 * pieces of at most 100 ms worth, each sent at the end of its slot; slots are kept on an absolute clock so
 * oversleeping does not accumulate.
 */
public final class BandwidthToxic implements Toxic {
    private final long bytesPerSecond;
    private long nextSlot;

    public BandwidthToxic(ToxicSpec spec) {
        this.bytesPerSecond = spec.longAttribute("rate") * 1000L;
    }

    @Override
    public void data(Chunk chunk, Next next) throws IOException, InterruptedException {
        if (bytesPerSecond <= 0) {
            next.data(chunk);
            return;
        }
        int piece = (int) Math.max(1, Math.min(Integer.MAX_VALUE, bytesPerSecond / 10));
        for (int from = 0; from < chunk.length(); from += piece) {
            int to = Math.min(chunk.length(), from + piece);
            long now = System.nanoTime();
            if (nextSlot == 0 || nextSlot < now - 100_000_000L) {
                nextSlot = now; // idle for a while: do not save up credit beyond a short burst
            }
            nextSlot += (to - from) * 1_000_000_000L / bytesPerSecond;
            Sleep.until(nextSlot);
            next.data(chunk.slice(from, to));
        }
    }
}
