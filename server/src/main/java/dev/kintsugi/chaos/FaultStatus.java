package dev.kintsugi.chaos;

/**
 * A journaled fault: {@code INJECTING} (journaled, the request may be in flight), {@code IN_PLACE}, {@code REVERTED},
 * {@code REVERT_FAILED} (shown until someone resolves it), {@code RESOLVED} (a person said it is gone).
 */
public enum FaultStatus {
    INJECTING,
    IN_PLACE,
    REVERTED,
    REVERT_FAILED,
    RESOLVED
}
