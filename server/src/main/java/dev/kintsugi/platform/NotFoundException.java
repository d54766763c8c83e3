package dev.kintsugi.platform;

/** A thing that does not exist (or that the viewer may not see): answered with 404. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String what, Object id) {
        super(what + " '" + id + "' does not exist");
    }
}
