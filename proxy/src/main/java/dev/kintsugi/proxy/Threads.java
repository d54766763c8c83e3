package dev.kintsugi.proxy;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the proxy's threads come from. Pumps (the byte-forwarding loops and toxic processors) run on platform
 * threads while fewer than {@code kintsugi.proxy.platformPumps} (default 512) of them are alive, and on virtual
 * threads beyond that. A blocking read on a platform thread is woken straight by the kernel, which keeps the
 * added round-trip latency low (about 25 µs against about 70 µs here, see docs/benchmarks.md) and lets timed
 * toxics wake on time; but each platform thread touches about 80 KiB of stack, so thousands of mostly idle
 * connections go to virtual threads (about 12 KiB each). {@code -Dkintsugi.proxy.virtualPumps=true} makes every
 * pump virtual. Everything that mostly waits (accept loops, the admin API) runs on virtual threads.
 */
final class Threads {
    private static final boolean VIRTUAL_PUMPS = Boolean.getBoolean("kintsugi.proxy.virtualPumps");
    private static final int PLATFORM_PUMPS = Integer.getInteger("kintsugi.proxy.platformPumps", 512);
    private static final AtomicInteger LIVE_PLATFORM_PUMPS = new AtomicInteger();

    private Threads() {}

    static Thread pump(String name, Runnable task) {
        if (VIRTUAL_PUMPS || LIVE_PLATFORM_PUMPS.incrementAndGet() > PLATFORM_PUMPS) {
            if (!VIRTUAL_PUMPS) {
                LIVE_PLATFORM_PUMPS.decrementAndGet();
            }
            return Thread.ofVirtual().name(name).start(task);
        }
        return Thread.ofPlatform().daemon().stackSize(256 * 1024).name(name).start(() -> {
            try {
                task.run();
            } finally {
                LIVE_PLATFORM_PUMPS.decrementAndGet();
            }
        });
    }

    static Thread background(String name, Runnable task) {
        return Thread.ofVirtual().name(name).start(task);
    }
}
