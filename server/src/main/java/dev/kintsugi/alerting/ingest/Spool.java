package dev.kintsugi.alerting.ingest;

import dev.kintsugi.alerting.AlertingProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The local durable spool every accepted alert goes through: an append-only log of one JSON line per event, in
 * segments under {@code kintsugi.alerting.spool-dir}. A webhook is acknowledged only once its line is on disk
 * ({@link FileChannel#force}); concurrent requests share one fsync (group commit), which is what lets ingestion
 * answer thousands of calls a second. {@link SpoolProcessor} reads it in order and applies each event to the
 * database, so ingestion keeps answering 202 while the database is away and nothing accepted is lost.
 *
 * <p>The reader's position is kept in a small file; a crash may replay a few events after it, which the
 * processor recognises by their id (exactly once). A segment is deleted once read past. Each start begins a new
 * segment, so a line torn by a crash (never acknowledged) is skipped, never appended to.
 */
@Component
public class Spool implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Spool.class);
    private static final long SEGMENT_BYTES = 64L * 1024 * 1024;
    private static final byte NL = '\n';

    private final Path dir;
    private final SpoolDirectory files;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(100_000);
    private final Thread writer;
    private final Object readable = new Object();
    private volatile boolean running = true;

    // writer state (writer thread only, except the volatile ones the reader reads)
    private FileChannel out;
    private volatile long writeSeq;
    private volatile long durable;

    // reader state (processor thread only)
    private long readSeq;
    private long readOffset;
    private FileChannel in;
    private long inSeq = -1;

    /** Where the reader stands: a segment and a byte offset in it. */
    public record Position(long segment, long offset) {}

    /** One line of the spool and the position right after it. */
    public record Entry(byte[] data, Position after) {}

    private record Pending(byte[] data, CompletableFuture<Void> done) {}

    Spool(AlertingProperties properties) {
        this.dir = Path.of(properties.spoolDir()).toAbsolutePath();
        this.files = new SpoolDirectory(dir);
        try {
            Files.createDirectories(dir);
            long last =
                    files.segments().stream().mapToLong(Long::longValue).max().orElse(0);
            Position p = files.readPosition();
            readSeq = p.segment();
            readOffset = p.offset();
            if (readSeq == 0) {
                readSeq = files.segments().stream()
                        .mapToLong(Long::longValue)
                        .min()
                        .orElse(last + 1);
                readOffset = 0;
            }
            writeSeq = last + 1;
            out = files.create(writeSeq);
            durable = 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the alert spool in " + dir, e);
        }
        writer = Thread.ofPlatform().name("alerting-spool-writer").daemon().start(this::writeLoop);
    }

    /** Appends one event; the future completes once it is on disk (exceptionally if it could not be written). */
    public CompletableFuture<Void> append(byte[] line) {
        for (byte b : line) {
            if (b == NL) {
                throw new IllegalArgumentException("a spool record is one line");
            }
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!running || !queue.offer(new Pending(line, done))) {
            done.completeExceptionally(new IOException("the alert spool is full or closed"));
        }
        return done;
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, 4096);
                int size = 0;
                for (Pending p : batch) {
                    size += p.data().length + 1;
                }
                ByteBuffer buf = ByteBuffer.allocate(size);
                for (Pending p : batch) {
                    buf.put(p.data()).put(NL);
                }
                buf.flip();
                try {
                    while (buf.hasRemaining()) {
                        out.write(buf);
                    }
                    out.force(false);
                    durable += size;
                    batch.forEach(p -> p.done().complete(null));
                    if (durable >= SEGMENT_BYTES) {
                        FileChannel next = files.create(writeSeq + 1);
                        out.close();
                        out = next;
                        durable = 0;
                        writeSeq = writeSeq + 1;
                    }
                } catch (IOException e) {
                    log.error("alert spool write failed: {}", e.toString());
                    batch.forEach(p -> p.done().completeExceptionally(e));
                }
                batch.clear();
                synchronized (readable) {
                    readable.notifyAll();
                }
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            }
        }
    }

    /** Waits up to {@code millis} for something new to read. */
    public void awaitData(long millis) throws InterruptedException {
        synchronized (readable) {
            readable.wait(millis);
        }
    }

    /** Up to {@code max} lines from the reader's position (not moving it: see {@link #commit}). */
    public List<Entry> next(int max) {
        List<Entry> entries = new ArrayList<>();
        long seq = readSeq;
        long offset = readOffset;
        try {
            while (entries.size() < max) {
                long ws = writeSeq;
                long limit;
                if (seq == ws) {
                    limit = durable;
                    if (writeSeq != ws) {
                        continue; // rotated meanwhile: look again
                    }
                } else if (seq > ws) {
                    break;
                } else {
                    if (!Files.exists(files.segment(seq))) {
                        seq++;
                        offset = 0;
                        continue;
                    }
                    limit = Files.size(files.segment(seq));
                }
                int before = entries.size();
                offset = read(seq, offset, limit, max, entries);
                if (entries.size() == before) {
                    if (seq < ws) {
                        // the end of an older segment (a torn line left by a crash is skipped)
                        seq++;
                        offset = 0;
                        if (!entries.isEmpty()) {
                            entries.set(
                                    entries.size() - 1,
                                    new Entry(entries.getLast().data(), new Position(seq, 0)));
                        }
                        continue;
                    }
                    break;
                }
            }
            if (entries.isEmpty() && seq != readSeq) {
                commit(new Position(seq, offset)); // only empty or torn older segments were passed
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    private long read(long seq, long offset, long limit, int max, List<Entry> entries) throws IOException {
        if (offset >= limit) {
            return offset;
        }
        if (inSeq != seq) {
            if (in != null) {
                in.close();
            }
            in = FileChannel.open(files.segment(seq), StandardOpenOption.READ);
            inSeq = seq;
        }
        int len = (int) Math.min(limit - offset, 4L * 1024 * 1024);
        ByteBuffer buf = ByteBuffer.allocate(len);
        long at = offset;
        while (buf.hasRemaining()) {
            int n = in.read(buf, at + buf.position());
            if (n < 0) {
                break;
            }
        }
        byte[] bytes = buf.array();
        int filled = buf.position();
        int start = 0;
        for (int i = 0; i < filled && entries.size() < max; i++) {
            if (bytes[i] == NL) {
                byte[] line = java.util.Arrays.copyOfRange(bytes, start, i);
                start = i + 1;
                entries.add(new Entry(line, new Position(seq, offset + start)));
            }
        }
        if (start == 0 && filled == len && len == 4 * 1024 * 1024) {
            throw new IOException("a spool line longer than 4 MiB in segment " + seq);
        }
        return offset + start;
    }

    /** Moves the reader past everything up to {@code p}; segments read past are deleted. */
    public void commit(Position p) {
        try {
            for (long s : files.segments()) {
                if (s < p.segment()) {
                    if (inSeq == s && in != null) {
                        in.close();
                        in = null;
                        inSeq = -1;
                    }
                    Files.deleteIfExists(files.segment(s));
                }
            }
            readSeq = p.segment();
            readOffset = p.offset();
            files.savePosition(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many bytes are waiting to be read (a rough backlog figure for metrics and tests). */
    public long backlogBytes() {
        try {
            long total = 0;
            for (long s : files.segments()) {
                if (s >= readSeq) {
                    total += s == writeSeq ? durable : Files.size(files.segment(s));
                }
            }
            return Math.max(0, total - readOffset);
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void close() throws IOException {
        running = false; // the writer drains what is queued, then stops (never interrupted mid-write)
        try {
            writer.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.close();
        if (in != null) {
            in.close();
        }
    }
}
