package dev.kintsugi.gameday;

/** A team of heroes. */
public record TeamView(long id, String name) {}
