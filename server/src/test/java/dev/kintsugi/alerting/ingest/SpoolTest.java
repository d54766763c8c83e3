package dev.kintsugi.alerting.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.alerting.AlertingProperties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool on a real file system: order, group commit, the reader's position across restarts, torn lines. */
class SpoolTest {
    @TempDir
    Path dir;

    private Spool open() {
        return new Spool(new AlertingProperties(
                "x", dir.toString(), 1024, 1, 1, Duration.ofHours(1), 4, Duration.ofMinutes(30), null));
    }

    private static List<String> read(Spool spool, int max) {
        List<String> out = new ArrayList<>();
        for (Spool.Entry e : spool.next(max)) {
            out.add(new String(e.data(), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void linesComeBackInOrderAndACommittedPositionSurvivesARestart() throws Exception {
        try (Spool spool = open()) {
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                writes.add(spool.append(("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
            }
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get();
            List<Spool.Entry> first = spool.next(200);
            assertThat(first).hasSize(200);
            assertThat(new String(first.getFirst().data(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"n\":0}");
            spool.commit(first.getLast().after());
            // not committed: read again after a restart
            assertThat(read(spool, 10).getFirst()).isEqualTo("{\"n\":200}");
        }
        try (Spool again = open()) {
            List<String> rest = read(again, 1000);
            assertThat(rest).hasSize(300);
            assertThat(rest.getFirst()).isEqualTo("{\"n\":200}");
            assertThat(rest.getLast()).isEqualTo("{\"n\":499}");
        }
    }

    @Test
    void aLineTornByACrashIsSkippedAndTheNextSegmentIsRead() throws Exception {
        try (Spool spool = open()) {
            spool.append("{\"a\":1}".getBytes(StandardCharsets.UTF_8)).get();
        }
        // a crash in the middle of a write: a line without its end
        Path segment;
        try (var files = Files.list(dir)) {
            segment = files.filter(p -> p.getFileName().toString().startsWith("segment-"))
                    .findFirst()
                    .orElseThrow();
        }
        Files.writeString(segment, "{\"torn\":", StandardOpenOption.APPEND);
        try (Spool spool = open()) {
            spool.append("{\"b\":2}".getBytes(StandardCharsets.UTF_8)).get();
            List<Spool.Entry> entries = spool.next(10);
            assertThat(entries)
                    .extracting(e -> new String(e.data(), StandardCharsets.UTF_8))
                    .containsExactly("{\"a\":1}", "{\"b\":2}");
            spool.commit(entries.getLast().after());
            assertThat(Files.exists(segment))
                    .as("a segment read past is deleted")
                    .isFalse();
            assertThat(spool.backlogBytes()).isZero();
        }
    }
}
