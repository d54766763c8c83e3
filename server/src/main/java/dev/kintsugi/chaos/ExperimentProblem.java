package dev.kintsugi.chaos;

import dev.kintsugi.platform.InvalidInputException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * One problem of an experiment request: the request {@code field} it is about ({@code definition}, {@code services})
 * and, inside the definition, the JSON {@code path} ({@code $.method[0]}; {@code $} for the whole document). A rule
 * of the server's own also gives its message {@code code} and {@code args} (the engine's findings have none: they
 * are the engine's English text).
 */
public record ExperimentProblem(String field, String path, String message, String code, Object[] args) {

    public ExperimentProblem(String field, String path, String message) {
        this(field, path, message, null, new Object[0]);
    }

    static ExperimentProblem ofDefinition(String path, String message) {
        return new ExperimentProblem("definition", path, message);
    }

    /** A rule of the server's refusing a field, with its message code. */
    public static ExperimentProblem of(InvalidInputException e) {
        return new ExperimentProblem(e.field(), null, e.getMessage(), e.code(), e.args());
    }

    /** The message for a {@code MessageSource}: its code when it has one, the English text otherwise. */
    public MessageSourceResolvable resolvable() {
        return new DefaultMessageSourceResolvable(code == null ? new String[0] : new String[] {code}, args, message);
    }
}
