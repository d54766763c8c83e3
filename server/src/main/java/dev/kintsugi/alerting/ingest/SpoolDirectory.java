package dev.kintsugi.alerting.ingest;

import dev.kintsugi.alerting.ingest.Spool.Position;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The spool's files: numbered segments ({@code segment-<12 digits>.log}) and the reader's position, kept in
 * {@code position}, replaced atomically.
 */
final class SpoolDirectory {
    private final Path dir;

    SpoolDirectory(Path dir) {
        this.dir = dir;
    }

    void savePosition(Position p) throws IOException {
        Path tmp = dir.resolve("position.tmp");
        Files.writeString(tmp, p.segment() + " " + p.offset(), StandardCharsets.US_ASCII);
        Files.move(tmp, dir.resolve("position"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    Position readPosition() throws IOException {
        Path p = dir.resolve("position");
        if (!Files.exists(p)) {
            return new Position(0, 0);
        }
        String[] parts = Files.readString(p, StandardCharsets.US_ASCII).trim().split(" ");
        return new Position(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
    }

    List<Long> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.matches("segment-\\d{12}\\.log"))
                    .map(n -> Long.parseLong(n.substring(8, 20)))
                    .sorted()
                    .toList();
        }
    }

    Path segment(long seq) {
        return dir.resolve("segment-%012d.log".formatted(seq));
    }

    FileChannel create(long seq) throws IOException {
        FileChannel c = FileChannel.open(
                segment(seq), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true); // the new segment's directory entry is durable too
        } catch (IOException e) {
            // some file systems cannot open a directory: the segment file itself is still forced on every write
        }
        return c;
    }
}
