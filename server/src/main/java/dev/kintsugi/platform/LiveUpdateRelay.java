package dev.kintsugi.platform;

/**
 * How a committed live update reaches subscribers. Today: straight to this instance's {@link LiveSubscribers}.
 * Later: through the database to every instance (see {@link LiveUpdates}).
 */
@FunctionalInterface
interface LiveUpdateRelay {
    void send(LiveUpdate update);
}
