package dev.kintsugi.chaos;

import dev.kintsugi.platform.ConflictException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A run the guardrails refused: 409 with {@code reason} (a message code of the chaos bundle, so pages say it in the
 * viewer's language) and its {@code args}; the message is the English text.
 */
public class RunRefused extends ConflictException {
    private final String code;
    private final List<String> args;

    public RunRefused(String code, String message, String... args) {
        super(code, message, Map.of("reason", code, "args", List.of(args)), (Object[]) args);
        this.code = code;
        this.args = Arrays.asList(args);
    }

    public String code() {
        return code;
    }

    public Object[] args() {
        return args.toArray();
    }
}
