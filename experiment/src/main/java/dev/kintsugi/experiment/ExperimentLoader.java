package dev.kintsugi.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads Chaos Toolkit experiments (and var files) from JSON or YAML. The experiment is kept as a Jackson tree,
 * like Chaos Toolkit keeps its dictionaries, so every field the author wrote reaches the journal unchanged.
 */
public final class ExperimentLoader {

    public static final ObjectMapper JSON = new ObjectMapper();
    public static final ObjectMapper YAML = new YAMLMapper();

    private ExperimentLoader() {}

    public static ObjectNode load(Path file) throws InvalidExperimentException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidExperimentException("cannot read " + file + ": " + e.getMessage());
        }
        return parse(text, file.getFileName().toString());
    }

    /** Parses JSON or YAML; the format comes from the file name, or from the first character. */
    public static ObjectNode parse(String text, String name) throws InvalidExperimentException {
        boolean yaml = isYaml(text, name);
        String format = yaml ? "YAML" : "JSON";
        JsonNode node;
        try {
            node = (yaml ? YAML : JSON).readTree(text);
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new InvalidExperimentException(
                    name + ": malformed " + format + where + ": " + firstLine(e.getOriginalMessage()));
        }
        if (!(node instanceof ObjectNode object)) {
            throw new InvalidExperimentException(name + ": an experiment must be a " + format + " object");
        }
        return object;
    }

    static boolean isYaml(String text, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            return true;
        }
        if (lower.endsWith(".json")) {
            return false;
        }
        return !text.stripLeading().startsWith("{");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
