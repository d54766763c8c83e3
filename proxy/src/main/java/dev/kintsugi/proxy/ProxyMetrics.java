package dev.kintsugi.proxy;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counters for one proxy; updated once per chunk or connection, never per byte. */
final class ProxyMetrics {
    final LongAdder connectionsTotal = new LongAdder();
    final AtomicLong connectionsActive = new AtomicLong();
    final LongAdder bytesUpstream = new LongAdder();
    final LongAdder bytesDownstream = new LongAdder();
    final LongAdder upstreamConnectFailures = new LongAdder();
    final LongAdder refused = new LongAdder();

    LongAdder bytes(Stream stream) {
        return stream == Stream.UPSTREAM ? bytesUpstream : bytesDownstream;
    }
}
