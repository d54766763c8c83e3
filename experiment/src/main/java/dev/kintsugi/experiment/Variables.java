package dev.kintsugi.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * The values {@code ${name}} refers to: the experiment's {@code configuration} and {@code secrets} (inline or read
 * from the environment), overridden by {@code --var} and {@code --var-file}.
 */
public final class Variables {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]+)}");

    private final Map<String, JsonNode> values;
    private final Set<String> secretNames;
    private final Map<String, String> environment;

    private Variables(Map<String, JsonNode> values, Set<String> secretNames, Map<String, String> environment) {
        this.values = new java.util.concurrent.ConcurrentHashMap<>(values);
        this.secretNames = secretNames;
        this.environment = environment;
    }

    /** No configuration, no secrets, no environment. */
    public static Variables empty() {
        return new Variables(Map.of(), Set.of(), null);
    }

    /**
     * The configuration as Chaos Toolkit passes it to Python functions ({@code toxiproxy_url},
     * {@code prometheus_base_url}, ...): every value that is not a secret.
     */
    public Map<String, JsonNode> configuration() {
        Map<String, JsonNode> out = new java.util.TreeMap<>();
        values.forEach((k, v) -> {
            if (!secretNames.contains(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** Whether this run may read the environment (its processes then inherit the process environment). */
    public boolean environmentReadable() {
        return environment != null;
    }

    /** Sets a configuration value during the run (as {@code chaostoxi.proxy.actions.create_proxy} does). */
    public void setConfiguration(String key, JsonNode value) {
        values.put(key, value);
    }

    /**
     * An environment variable, when this run may read the environment: the host's map, never the process's by
     * itself; {@code null} when unset or not readable.
     */
    public String environment(String key) {
        return environment == null ? null : environment.get(key);
    }

    /**
     * Resolves the configuration and secrets of an experiment; {@code env} is {@code null} when the environment may
     * not be read (then {@code env} entries take their default or are refused). Problems (an environment variable with no value
     * and no default, an unsupported secret type) are added to {@code problems}.
     */
    public static Variables resolve(
            ObjectNode experiment,
            Map<String, String> env,
            Map<String, JsonNode> configOverrides,
            Map<String, JsonNode> secretOverrides,
            List<String> problems) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        JsonNode configuration = experiment.path("configuration");
        if (configuration.isObject()) {
            configuration.properties().forEach(e -> {
                String key = e.getKey();
                if (configOverrides.containsKey(key)) {
                    return;
                }
                JsonNode value = resolveValue("configuration '" + key + "'", e.getValue(), env, problems);
                if (value != null) {
                    values.put(key, value);
                }
            });
        } else if (!configuration.isMissingNode() && !configuration.isNull()) {
            problems.add("'configuration' must be an object");
        }
        values.putAll(configOverrides);
        Set<String> secretNames = new java.util.HashSet<>();
        JsonNode secrets = experiment.path("secrets");
        if (secrets.isObject()) {
            secrets.properties().forEach(scope -> {
                if (!scope.getValue().isObject()) {
                    problems.add("secrets scope '" + scope.getKey() + "' must be an object");
                    return;
                }
                scope.getValue().properties().forEach(e -> {
                    String key = e.getKey();
                    secretNames.add(key);
                    if (secretOverrides.containsKey(key)) {
                        return;
                    }
                    JsonNode value =
                            resolveValue("secret '" + scope.getKey() + "." + key + "'", e.getValue(), env, problems);
                    if (value != null) {
                        values.put(key, value);
                    }
                });
            });
        } else if (!secrets.isMissingNode() && !secrets.isNull()) {
            problems.add("'secrets' must be an object of scopes");
        }
        values.putAll(secretOverrides);
        secretNames.addAll(secretOverrides.keySet());
        return new Variables(values, secretNames, env);
    }

    private static JsonNode resolveValue(
            String what, JsonNode declared, Map<String, String> env, List<String> problems) {
        if (!declared.isObject() || !declared.has("type")) {
            return declared;
        }
        String type = declared.path("type").asText();
        if (!"env".equals(type)) {
            problems.add(what + " has type '" + type + "', which Kintsugi does not support (only 'env' and values)");
            return null;
        }
        String key = declared.path("key").asText(null);
        if (key == null) {
            problems.add(what + " of type 'env' needs a 'key'");
            return null;
        }
        if (env == null) {
            if (declared.has("default")) {
                return declared.get("default");
            }
            problems.add(what + " reads environment variable " + key
                    + ", but this run's policy does not allow reading the environment (give the value instead)");
            return null;
        }
        String raw = env.get(key);
        if (raw == null) {
            if (declared.has("default")) {
                return declared.get("default");
            }
            problems.add(what + " reads environment variable " + key
                    + ", which is not set and has no default (set it, or pass --var)");
            return null;
        }
        return typed(raw, declared.path("env_var_type").asText("str"));
    }

    /** Converts a string the user typed ({@code --var}, environment) to the declared Chaos Toolkit type. */
    static JsonNode typed(String raw, String type) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        try {
            return switch (type) {
                case "int" -> f.numberNode(Long.parseLong(raw.trim()));
                case "float" -> f.numberNode(Double.parseDouble(raw.trim()));
                case "bool" ->
                    f.booleanNode(
                            Set.of("true", "1", "yes", "on").contains(raw.trim().toLowerCase(java.util.Locale.ROOT)));
                case "json" -> ExperimentLoader.JSON.readTree(raw);
                default -> f.textNode(raw);
            };
        } catch (Exception e) {
            return f.textNode(raw);
        }
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public JsonNode get(String name) {
        return values.get(name);
    }

    public boolean isSecret(String name) {
        return secretNames.contains(name);
    }

    /**
     * Returns a copy of {@code node} with every {@code ${name}} replaced. A string that is exactly one reference
     * takes the value with its type (a number stays a number); references inside longer strings are
     * interpolated as text. References with no value are left as they are (validation refuses them first).
     */
    public JsonNode substitute(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            return substituteText(node.asText());
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(e -> copy.set(e.getKey(), substitute(e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(substitute(item)));
            return copy;
        }
        return node;
    }

    private JsonNode substituteText(String text) {
        Matcher whole = REFERENCE.matcher(text);
        if (whole.matches() && values.containsKey(whole.group(1))) {
            return values.get(whole.group(1));
        }
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            JsonNode value = values.get(m.group(1));
            String replacement = value == null ? m.group() : value.isTextual() ? value.asText() : value.toString();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return StringNode.valueOf(out.toString());
    }

    /** Adds a problem for every {@code ${name}} under {@code node} that has no value. */
    public void checkReferences(JsonNode node, String where, List<String> problems) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            Matcher m = REFERENCE.matcher(node.asText());
            while (m.find()) {
                if (!values.containsKey(m.group(1))) {
                    problems.add(where + " refers to ${" + m.group(1)
                            + "}, which has no value (declare it in 'configuration' or 'secrets', or pass --var "
                            + m.group(1) + "=...)");
                }
            }
        } else if (node.isContainer()) {
            for (JsonNode child : node) {
                checkReferences(child, where, problems);
            }
        }
    }
}
