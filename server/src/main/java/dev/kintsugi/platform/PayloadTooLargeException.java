package dev.kintsugi.platform;

/** An upload bigger than allowed: answered with 413 and the limit. */
public class PayloadTooLargeException extends RuntimeException {
    private final long limitBytes;

    public PayloadTooLargeException(String message, long limitBytes) {
        super(message);
        this.limitBytes = limitBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }
}
