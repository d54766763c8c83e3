package dev.kintsugi.proxy.toxics;

import dev.kintsugi.proxy.ToxicSpec;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Cuts each chunk into slices of about {@code average_size} ± {@code size_variation} bytes (halving, as
 * Toxiproxy does) and waits {@code delay} µs after each slice.
 */
public final class SlicerToxic implements Toxic {
    private final int average;
    private final int variation;
    private final long delayNanos;

    public SlicerToxic(ToxicSpec spec) {
        this.average = (int) spec.longAttribute("average_size");
        this.variation = (int) spec.longAttribute("size_variation");
        this.delayNanos = spec.longAttribute("delay") * 1000L;
    }

    @Override
    public void data(Chunk chunk, Next next) throws IOException, InterruptedException {
        slice(chunk, 0, chunk.length(), next);
    }

    private void slice(Chunk chunk, int start, int end, Next next) throws IOException, InterruptedException {
        if ((end - start) - average <= variation) {
            next.data(chunk.slice(start, end));
            if (delayNanos > 0) {
                Sleep.until(System.nanoTime() + delayNanos);
            }
            return;
        }
        int mid = start + (end - start) / 2;
        if (variation > 0) {
            mid += ThreadLocalRandom.current().nextInt(variation * 2) - variation;
        }
        slice(chunk, start, mid, next);
        slice(chunk, mid, end, next);
    }
}
