package dev.kintsugi.experiment.provider;

import dev.kintsugi.experiment.Variables;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Chaos Toolkit's {@code python} provider, for the extension functions Kintsugi implements natively (same
 * {@code module}, {@code func}, argument names, defaults and outputs as the extensions' current releases):
 * {@code chaostoxi.*} ({@link ChaosToxi}), {@code chaosk8s.*} ({@link ChaosK8s}) and {@code chaosprometheus.probes}
 * ({@link ChaosPrometheus}). Any other Python function is refused at validation, naming the activity. Arguments are
 * checked as Python would bind them: a missing required argument or an unknown one is a problem.
 */
public final class PythonProvider implements Provider {

    static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** One native function. */
    @FunctionalInterface
    interface Call {
        JsonNode run(Args args, RunContext context) throws ActivityFailedException, InterruptedException;
    }

    /**
     * A function's signature and behaviour.
     *
     * @param defaults every optional argument with its default ({@code null} for Python's {@code None})
     * @param budgetArgument the argument that bounds how long it may take (seconds), or {@code null}
     * @param addresses what it reaches, for the host's allow-list
     */
    record Function(
            List<String> required,
            Map<String, Object> defaults,
            Call call,
            String budgetArgument,
            java.util.function.Function<Args, List<String>> addresses) {}

    /** The arguments of one call: given values, else the function's defaults; the run's configuration. */
    static final class Args {
        final String name;
        final JsonNode given;
        final Function function;
        final Variables variables;
        final Duration timeout;

        Args(String name, JsonNode given, Function function, Variables variables, Duration timeout) {
            this.name = name;
            this.given = given;
            this.function = function;
            this.variables = variables;
            this.timeout = timeout;
        }

        String str(String arg) {
            JsonNode v = value(arg);
            return v == null ? null : v.isString() ? v.asString() : v.toString();
        }

        Integer integer(String arg) throws ActivityFailedException {
            JsonNode v = value(arg);
            if (v == null) {
                return null;
            }
            if (v.isIntegralNumber()) {
                return v.asInt();
            }
            if (v.isString() && v.asString().strip().matches("-?\\d+")) {
                return Integer.parseInt(v.asString().strip());
            }
            throw new ActivityFailedException(name + ": argument '" + arg + "' must be an integer, found " + v);
        }

        boolean bool(String arg) {
            JsonNode v = value(arg);
            return v != null && (v.isBoolean() ? v.asBoolean() : truthy(v));
        }

        /** The given value, else the default as a tree; {@code null} for None. */
        JsonNode value(String arg) {
            JsonNode v = given.get(arg);
            if (v != null) {
                return v.isNull() ? null : v;
            }
            Object d = function.defaults().get(arg);
            return d == null ? null : dev.kintsugi.experiment.ExperimentLoader.JSON.valueToTree(d);
        }

        /** A configuration value as text, or {@code null}. */
        String config(String key) {
            JsonNode v = variables.configuration().get(key);
            if (v == null || v.isNull()) {
                return null;
            }
            return v.isString() ? v.asString() : v.toString();
        }

        private static boolean truthy(JsonNode v) {
            if (v.isNumber()) {
                return v.asDouble() != 0;
            }
            return !(v.isString() && v.asString().isEmpty()) && !(v.isContainer() && v.isEmpty());
        }
    }

    private final Map<String, Function> functions = new LinkedHashMap<>();

    public PythonProvider() {
        ChaosToxi.register(this);
        ChaosK8s.register(this);
        ChaosPrometheus.register(this);
    }

    void register(String module, String func, Function function) {
        functions.put(module + "." + func, function);
    }

    /** Every {@code module.func} this provider runs. */
    public List<String> functions() {
        return Collections.unmodifiableList(new ArrayList<>(functions.keySet()));
    }

    private static String qualified(JsonNode provider) {
        return provider.path("module").asString("?") + "."
                + provider.path("func").asString("?");
    }

    @Override
    public void check(String label, JsonNode provider, List<String> problems, List<String> warnings) {
        String name = qualified(provider);
        Function f = functions.get(name);
        if (f == null) {
            problems.add(label + " uses a python provider (" + name + "): Python providers cannot run on the JVM and"
                    + " Kintsugi does not implement this function natively; replace it with an http, process or"
                    + " kintsugi provider (natively implemented Python functions: docs/experiments.md)");
            return;
        }
        JsonNode args = provider.path("arguments");
        if (!args.isMissingNode() && !args.isNull() && !args.isObject()) {
            problems.add(label + ": 'arguments' must be an object");
            return;
        }
        for (String r : f.required()) {
            if (!args.has(r)) {
                problems.add(label + ": " + name + " requires the argument '" + r + "'");
            }
        }
        if (args.isObject()) {
            for (String given : args.propertyNames()) {
                if (!f.required().contains(given) && !f.defaults().containsKey(given)) {
                    List<String> known = new ArrayList<>(f.required());
                    known.addAll(f.defaults().keySet());
                    problems.add(label + ": " + name + " has no argument '" + given + "' (its arguments: "
                            + new TreeSet<>(known) + ")");
                }
            }
        }
    }

    @Override
    public JsonNode run(JsonNode provider, RunContext context) throws ActivityFailedException, InterruptedException {
        String name = qualified(provider);
        Function f = functions.get(name);
        if (f == null) {
            throw new ActivityFailedException(name + " is not implemented natively");
        }
        return f.call().run(args(name, provider, f, context.variables()), context);
    }

    private static Args args(String name, JsonNode provider, Function f, Variables variables) {
        JsonNode given = provider.path("arguments").isObject() ? provider.path("arguments") : F.objectNode();
        double seconds =
                provider.path("timeout").isNumber() ? provider.path("timeout").asDouble() : 10;
        return new Args(name, given, f, variables, Duration.ofMillis((long) (seconds * 1000)));
    }

    @Override
    public List<String> addresses(JsonNode provider, Variables variables) {
        Function f = functions.get(qualified(provider));
        return f == null || f.addresses() == null
                ? List.of()
                : f.addresses().apply(args(qualified(provider), provider, f, variables));
    }

    @Override
    public double budgetSeconds(JsonNode provider) {
        Function f = functions.get(qualified(provider));
        double base = Provider.super.budgetSeconds(provider);
        if (f != null && f.budgetArgument() != null) {
            JsonNode given = provider.path("arguments").path(f.budgetArgument());
            Object d = f.defaults().get(f.budgetArgument());
            double wait = given.isNumber() ? given.asDouble() : d instanceof Number n ? n.doubleValue() : 0;
            return base + wait;
        }
        return base;
    }

    /** Python's optional arguments in declaration order (a {@code null} value is {@code None}). */
    static Map<String, Object> defaults(Object... pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], pairs[i + 1]);
        }
        return out;
    }
}
