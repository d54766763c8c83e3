package dev.kintsugi.proxy.toxics;

import dev.kintsugi.proxy.ToxicSpec;
import java.io.IOException;

/** Passes exactly {@code bytes} bytes on this connection, then closes it. */
public final class LimitDataToxic implements Toxic {
    private final long limit;
    private long sent;
    private ToxicContext context;

    public LimitDataToxic(ToxicSpec spec) {
        this.limit = spec.longAttribute("bytes");
    }

    @Override
    public void attach(ToxicContext context) {
        this.context = context;
    }

    @Override
    public void data(Chunk chunk, Next next) throws IOException, InterruptedException {
        long remaining = limit - sent;
        if (remaining > 0) {
            Chunk part = remaining < chunk.length() ? chunk.slice(0, (int) remaining) : chunk;
            next.data(part);
            sent += part.length();
        }
        if (sent >= limit) {
            context.close();
        }
    }
}
