package dev.kintsugi.oncall;

/** Where a page is: held for working time, escalating, acknowledged, resolved; unrouted when no policy applied. */
public enum PageStatus {
    HELD,
    TRIGGERED,
    ACKNOWLEDGED,
    RESOLVED,
    UNROUTED
}
