package dev.kintsugi.proxy;

/**
 * Where the proxy's threads come from. Pumps (the byte-forwarding loops and toxic processors) are platform threads by default:
 * a blocking read on a platform thread is woken straight by the kernel, which keeps the added round-trip
 * latency low; {@code -Dkintsugi.proxy.virtualPumps=true} switches them to virtual threads. Everything that
 * mostly waits (accept loops, the admin API) runs on virtual threads; toxic processors stay on platform threads so
 * that timed toxics (latency) wake on time.
 */
final class Threads {
    private static final boolean VIRTUAL_PUMPS = Boolean.getBoolean("kintsugi.proxy.virtualPumps");

    private Threads() {}

    static Thread pump(String name, Runnable task) {
        Thread.Builder builder = VIRTUAL_PUMPS
                ? Thread.ofVirtual().name(name)
                : Thread.ofPlatform().daemon().stackSize(256 * 1024).name(name);
        return builder.start(task);
    }

    static Thread background(String name, Runnable task) {
        return Thread.ofVirtual().name(name).start(task);
    }
}
