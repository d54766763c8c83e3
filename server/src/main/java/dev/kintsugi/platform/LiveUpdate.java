package dev.kintsugi.platform;

/** One event for the subscribers of a topic, as it travels through a {@link LiveUpdateRelay}. */
record LiveUpdate(String topic, String event, String data) {}
