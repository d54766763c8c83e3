package dev.kintsugi.proxy.toxics;

import dev.kintsugi.proxy.ToxicSpec;
import java.io.IOException;

/** Delays passing on the close of the source by {@code delay} ms. */
public final class SlowCloseToxic implements Toxic {
    private final long delayMs;

    public SlowCloseToxic(ToxicSpec spec) {
        this.delayMs = spec.longAttribute("delay");
    }

    @Override
    public void data(Chunk chunk, Next next) throws IOException, InterruptedException {
        next.data(chunk);
    }

    @Override
    public void eof(Next next) throws IOException, InterruptedException {
        Thread.sleep(delayMs);
        next.eof();
    }
}
