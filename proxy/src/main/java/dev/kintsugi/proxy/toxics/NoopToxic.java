package dev.kintsugi.proxy.toxics;

import java.io.IOException;

/** Passes everything on; also stands in for a toxic whose toxicity roll did not fire on this connection. */
public final class NoopToxic implements Toxic {
    @Override
    public void data(Chunk chunk, Next next) throws IOException, InterruptedException {
        next.data(chunk);
    }
}
