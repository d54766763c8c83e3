package dev.kintsugi.postmortem;

import dev.kintsugi.platform.InvalidInputException;
import java.util.List;

/** Refused publication: every missing field, named (400, RFC 9457 with {@code field} and {@code errors}). */
public class NotPublishable extends InvalidInputException {
    /** One thing a post-mortem lacks to be published. */
    public record Missing(String field, String message) {}

    private final List<Missing> missing;

    NotPublishable(List<Missing> missing) {
        super(
                missing.getFirst().field(),
                "postmortem.notPublishable",
                "Not ready to publish: "
                        + String.join(
                                "; ", missing.stream().map(Missing::message).toList()));
        this.missing = List.copyOf(missing);
    }

    public List<Missing> missing() {
        return missing;
    }
}
