package dev.kintsugi.proxy;

import dev.kintsugi.proxy.toxics.NoopToxic;
import dev.kintsugi.proxy.toxics.Toxic;
import dev.kintsugi.proxy.toxics.Toxic.Chunk;
import dev.kintsugi.proxy.toxics.Toxic.Next;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * One direction of a connection. The reader loop forwards straight from a reused direct buffer while the
 * direction has no toxics and nothing is queued; otherwise it copies each chunk, stamps it with its read time
 * and queues it for the processor thread, which runs the toxic chain. Toxic changes swap the chain atomically
 * and reach live connections at their next chunk.
 */
final class Pump {
    private static final int SMALL_BUFFER = 8 * 1024;
    private static final int LARGE_BUFFER = 256 * 1024;
    private static final Chunk EOF = new Chunk(new byte[0], 0, 0, 0);

    private final Link link;
    private final Stream stream;
    private final SocketChannel source;
    private final SocketChannel sink;
    private final LongAdder bytes;
    private final AtomicInteger pending = new AtomicInteger();
    private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(16);
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Next tail = new Next() {
        @Override
        public void data(Chunk chunk) throws IOException {
            write(chunk);
        }

        @Override
        public void eof() {
            link.sourceDone(Pump.this);
        }
    };
    private volatile Chain chain = new Chain(true, tail);
    private Thread processor;
    private boolean closed;

    Pump(Link link, Stream stream, SocketChannel source, SocketChannel sink, LongAdder bytes) {
        this.link = link;
        this.stream = stream;
        this.source = source;
        this.sink = sink;
        this.bytes = bytes;
    }

    Stream stream() {
        return stream;
    }

    SocketChannel sink() {
        return sink;
    }

    void run() {
        try {
            ByteBuffer buffer = ByteBuffer.allocateDirect(SMALL_BUFFER);
            while (true) {
                buffer.clear();
                int n = source.read(buffer);
                if (n < 0) {
                    break;
                }
                if (link.closing()) {
                    continue; // closing: drain and discard, so the close sends no RST
                }
                long readAt = System.nanoTime();
                bytes.add(n);
                buffer.flip();
                if (chain.isEmpty() && pending.get() == 0) {
                    while (buffer.hasRemaining()) {
                        sink.write(buffer);
                    }
                    if (n == buffer.capacity() && n < LARGE_BUFFER) {
                        buffer = ByteBuffer.allocateDirect(LARGE_BUFFER);
                    }
                } else {
                    byte[] copy = new byte[n];
                    buffer.get(copy);
                    pending.incrementAndGet();
                    queue.put(new Chunk(copy, 0, n, readAt));
                }
            }
            if (link.closing()) {
                link.drained(source);
            } else if (chain.isEmpty() && pending.get() == 0) {
                link.sourceDone(this);
            } else {
                pending.incrementAndGet();
                queue.put(EOF);
            }
        } catch (IOException | InterruptedException e) {
            link.close();
            link.drained(source);
        }
    }

    /** Brings this direction's toxics in line with {@code specs}, keeping per-connection state of kept ones. */
    synchronized void update(List<ToxicSpec> specs) {
        if (closed) {
            return;
        }
        Map<String, Entry> kept = new LinkedHashMap<>();
        for (ToxicSpec spec : specs) {
            Entry entry = entries.remove(spec.name());
            if (entry == null || !entry.spec.sameEffect(spec)) {
                if (entry != null) {
                    entry.toxic.detach(false);
                }
                entry = new Entry(spec, instantiate(spec));
                entry.toxic.attach(link);
            }
            kept.put(spec.name(), new Entry(spec, entry.toxic));
        }
        entries.values().forEach(gone -> gone.toxic.detach(true));
        entries.clear();
        entries.putAll(kept);
        if (!kept.isEmpty() && processor == null) {
            processor = Threads.pump("toxics-" + stream.json(), this::process);
        }
        chain = Chain.of(kept.values().stream().map(e -> e.toxic).toArray(Toxic[]::new), this);
    }

    synchronized void close() {
        closed = true;
        entries.values().forEach(entry -> entry.toxic.detach(false));
        entries.clear();
        if (processor != null) {
            processor.interrupt();
        }
        queue.clear(); // a reader blocked on a full queue gets through, sees the close and drains
    }

    private static Toxic instantiate(ToxicSpec spec) {
        boolean fires = spec.toxicity() >= 1.0
                || (spec.toxicity() > 0 && ThreadLocalRandom.current().nextDouble() < spec.toxicity());
        return fires ? spec.type().create(spec) : new NoopToxic();
    }

    private void process() {
        try {
            while (true) {
                Chunk chunk = queue.take();
                Chain current = chain;
                if (chunk == EOF) {
                    current.head().eof();
                    pending.decrementAndGet();
                    return;
                }
                current.head().data(chunk);
                pending.decrementAndGet();
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            link.close();
        }
    }

    private void write(Chunk chunk) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(chunk.data(), chunk.offset(), chunk.length());
        while (buffer.hasRemaining()) {
            sink.write(buffer);
        }
    }

    private record Entry(ToxicSpec spec, Toxic toxic) {}

    /** An immutable toxic chain: {@code head} runs the first toxic, the last step writes to the sink. */
    private record Chain(boolean isEmpty, Next head) {

        static Chain of(Toxic[] toxics, Pump pump) {
            Next next = pump.tail;
            for (int i = toxics.length - 1; i >= 0; i--) {
                Toxic toxic = toxics[i];
                Next after = next;
                next = new Next() {
                    @Override
                    public void data(Chunk chunk) throws IOException, InterruptedException {
                        toxic.data(chunk, after);
                    }

                    @Override
                    public void eof() throws IOException, InterruptedException {
                        toxic.eof(after);
                    }
                };
            }
            return new Chain(toxics.length == 0, next);
        }
    }
}
