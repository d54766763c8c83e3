package dev.kintsugi.postmortem.chatimport;

import dev.kintsugi.platform.InvalidInputException;

/**
 * A chat log that cannot be imported, with the line at fault. Answered as 400 with the field {@code file}; the
 * import takes nothing from a file that raises it.
 */
public class ChatImportException extends InvalidInputException {
    private final int line;

    public ChatImportException(int line, String message) {
        super("file", "line " + line + ": " + message);
        this.line = line;
    }

    /** The 1-based line of the log at fault. */
    public int line() {
        return line;
    }
}
