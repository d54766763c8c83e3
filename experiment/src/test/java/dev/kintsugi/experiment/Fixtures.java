package dev.kintsugi.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Test fixtures: the Chaos Toolkit files copied from ../shared/fixtures (see SOURCES.md there). */
final class Fixtures {

    private Fixtures() {}

    static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/ctk/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode experiment(String name) throws InvalidExperimentException {
        return ExperimentLoader.parse(text(name), name);
    }

    /** Writes a fixture (or any text) to a file in {@code dir}, for the CLI. */
    static Path write(Path dir, String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    /**
     * What a user porting an experiment to Kintsugi does with python activities: remove them (and the refs to
     * them). The rest of the file is unchanged.
     */
    static ObjectNode withoutPython(ObjectNode experiment) {
        ObjectNode copy = experiment.deepCopy();
        java.util.Set<String> removed = new java.util.HashSet<>();
        for (JsonNode list : new JsonNode[] {
            copy.path("steady-state-hypothesis").path("probes"), copy.path("method"), copy.path("rollbacks")
        }) {
            if (list instanceof ArrayNode array) {
                for (Iterator<JsonNode> it = array.iterator(); it.hasNext(); ) {
                    JsonNode a = it.next();
                    if ("python".equals(a.path("provider").path("type").asText())) {
                        removed.add(a.path("name").asText());
                        it.remove();
                    }
                }
            }
        }
        if (copy.path("rollbacks") instanceof ArrayNode rollbacks) {
            rollbacks.removeIf(a -> removed.contains(a.path("ref").asText("\u0000")));
        }
        return copy;
    }
}
