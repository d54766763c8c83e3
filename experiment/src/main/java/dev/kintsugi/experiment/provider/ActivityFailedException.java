package dev.kintsugi.experiment.provider;

/** The activity ran but did not succeed (Chaos Toolkit's {@code ActivityFailed}). */
public class ActivityFailedException extends Exception {
    public ActivityFailedException(String message) {
        super(message);
    }

    public ActivityFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
