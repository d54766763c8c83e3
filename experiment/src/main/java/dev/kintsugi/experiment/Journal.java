package dev.kintsugi.experiment;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import tools.jackson.databind.node.ObjectNode;

/** Journal helpers: Chaos Toolkit's timestamp format, and writing the file atomically. */
public final class Journal {

    /** RFC 3339 in UTC with microseconds, as chaoslib writes them: {@code 2025-04-26T00:12:46.036684+00:00}. */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'+00:00'").withZone(ZoneOffset.UTC);

    private Journal() {}

    public static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    public static double seconds(Instant start, Instant end) {
        return (end.toEpochMilli() - start.toEpochMilli()) / 1000.0
                + ((end.getNano() % 1_000_000) - (start.getNano() % 1_000_000)) / 1e9;
    }

    public static String platform() {
        return System.getProperty("os.name") + "-" + System.getProperty("os.version") + "-"
                + System.getProperty("os.arch") + "-java-" + Runtime.version();
    }

    public static String node() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Writes to a temporary file then moves it, so a reader never sees half a journal. */
    public static void write(ObjectNode journal, Path path) throws IOException {
        Path absolute = path.toAbsolutePath();
        Path tmp = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        try {
            ExperimentLoader.JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), journal);
        } catch (tools.jackson.core.JacksonException e) {
            throw new IOException(e.getOriginalMessage(), e);
        }
        Files.move(
                tmp,
                absolute,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
