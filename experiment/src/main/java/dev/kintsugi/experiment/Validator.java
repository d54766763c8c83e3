package dev.kintsugi.experiment;

import dev.kintsugi.experiment.provider.Provider;
import dev.kintsugi.experiment.provider.ProviderRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks an experiment before anything runs: the fields Chaos Toolkit requires, activity refs, tolerances,
 * providers this engine can run, and that every {@code ${name}} has a value. Nothing runs when there is a problem.
 */
public final class Validator {

    public static final Set<String> ROLLBACK_STRATEGIES = Set.of("default", "always", "never", "deviated");
    public static final Set<String> HYPOTHESIS_STRATEGIES =
            Set.of("default", "before-method-only", "after-method-only", "during-method-only", "continuously");

    /** Problems (the experiment cannot run) and warnings (it can, but something may fail at run time). */
    public record Result(List<String> problems, List<String> warnings) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    private Validator() {}

    /** Validates against the standard providers, with everything allowed (the CLI's {@code validate}). */
    public static Result validate(ObjectNode experiment, Variables variables) {
        return validate(experiment, variables, ProviderRegistry.standard(), RunPolicy.permissive());
    }

    /** Validates for a run with these providers under this policy: a refusal by the policy is a problem. */
    public static Result validate(
            ObjectNode experiment, Variables variables, ProviderRegistry providers, RunPolicy policy) {
        Checks checks = new Checks(providers, policy);
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (!nonBlankText(experiment.path("title"))) {
            problems.add("the experiment requires a 'title'");
        }
        if (!nonBlankText(experiment.path("description"))) {
            problems.add("the experiment requires a 'description'");
        }
        JsonNode tags = experiment.path("tags");
        if (!tags.isMissingNode() && !(tags.isArray())) {
            problems.add("'tags' must be a list of strings");
        }
        Map<String, JsonNode> byName = Activities.byName(experiment);

        JsonNode hypothesis = experiment.path("steady-state-hypothesis");
        if (!hypothesis.isMissingNode() && !hypothesis.isNull()) {
            if (!hypothesis.isObject()) {
                problems.add("'steady-state-hypothesis' must be an object");
            } else {
                if (!nonBlankText(hypothesis.path("title"))) {
                    problems.add("the steady-state hypothesis requires a 'title'");
                }
                JsonNode probes = hypothesis.path("probes");
                if (!probes.isMissingNode() && !probes.isArray()) {
                    problems.add("'steady-state-hypothesis.probes' must be a list");
                }
                for (JsonNode probe : Activities.hypothesisProbes(experiment)) {
                    JsonNode resolved =
                            checkActivity("hypothesis", probe, byName, variables, checks, problems, warnings);
                    if (resolved == null) {
                        continue;
                    }
                    if (!resolved.has("tolerance") && !probe.has("tolerance")) {
                        problems.add("hypothesis probe '" + Activities.name(probe) + "' must have a 'tolerance'");
                    } else {
                        JsonNode tolerance =
                                probe.has("tolerance") ? probe.get("tolerance") : resolved.get("tolerance");
                        checkTolerance(
                                Activities.name(probe), tolerance, byName, variables, checks, problems, warnings);
                    }
                }
            }
        }

        JsonNode method = experiment.path("method");
        if (!method.isArray() || method.isEmpty()) {
            problems.add("the experiment requires a 'method' with at least one activity");
        } else {
            for (JsonNode activity : Activities.method(experiment)) {
                checkActivity("method", activity, byName, variables, checks, problems, warnings);
            }
        }
        JsonNode rollbacks = experiment.path("rollbacks");
        if (!rollbacks.isMissingNode() && !rollbacks.isNull() && !rollbacks.isArray()) {
            problems.add("'rollbacks' must be a list");
        }
        for (JsonNode activity : Activities.rollbacks(experiment)) {
            checkActivity("rollbacks", activity, byName, variables, checks, problems, warnings);
        }
        checkRuntime(experiment.path("runtime"), problems);
        return new Result(problems, warnings);
    }

    private static void checkRuntime(JsonNode runtime, List<String> problems) {
        if (runtime.isMissingNode() || runtime.isNull()) {
            return;
        }
        String rollbacks = runtime.path("rollbacks").path("strategy").asText("default");
        if (!ROLLBACK_STRATEGIES.contains(rollbacks)) {
            problems.add("runtime.rollbacks.strategy '" + rollbacks + "' is not one of " + ROLLBACK_STRATEGIES);
        }
        String hypothesis = runtime.path("hypothesis").path("strategy").asText("default");
        if (!HYPOTHESIS_STRATEGIES.contains(hypothesis)) {
            problems.add("runtime.hypothesis.strategy '" + hypothesis + "' is not one of " + HYPOTHESIS_STRATEGIES);
        }
        JsonNode frequency = runtime.path("hypothesis").path("frequency");
        if (!frequency.isMissingNode() && !(frequency.isNumber() && frequency.asDouble() > 0)) {
            problems.add("runtime.hypothesis.frequency must be a positive number of seconds");
        }
    }

    /** The providers and the policy an experiment is checked against. */
    record Checks(ProviderRegistry providers, RunPolicy policy) {}

    /** Checks one activity (or ref); returns the resolved activity, or {@code null} when it is unusable. */
    static JsonNode checkActivity(
            String section,
            JsonNode activity,
            Map<String, JsonNode> byName,
            Variables variables,
            Checks checks,
            List<String> problems,
            List<String> warnings) {
        if (!activity.isObject()) {
            problems.add(section + ": every activity must be an object, found " + activity);
            return null;
        }
        if (activity.has("ref")) {
            JsonNode target = Activities.resolve(activity, byName);
            if (target == null) {
                problems.add(section + ": unknown activity ref '"
                        + activity.path("ref").asText() + "' (no activity of that name is declared)");
            }
            return target;
        }
        String name = activity.path("name").asText(null);
        String label = section + " activity '" + (name == null ? "?" : name) + "'";
        if (name == null || name.isBlank()) {
            problems.add(section + ": an activity requires a 'name' (" + abbreviate(activity) + ")");
        }
        String type = activity.path("type").asText(null);
        if (!"action".equals(type) && !"probe".equals(type)) {
            problems.add(label + ": 'type' must be 'action' or 'probe', found " + activity.path("type"));
        }
        JsonNode provider = activity.path("provider");
        if (!provider.isObject()) {
            problems.add(label + " requires a 'provider'");
            return null;
        }
        checks.providers().check(label, provider, problems, warnings);
        variables.checkReferences(provider, label, problems);
        problems.addAll(refusals(label, provider, variables, checks));
        JsonNode pauses = activity.path("pauses");
        if (pauses.isObject()) {
            for (String when : List.of("before", "after")) {
                JsonNode p = pauses.path(when);
                if (!p.isMissingNode() && !(p.isNumber() && p.asDouble() >= 0)) {
                    problems.add(label + ": pauses." + when + " must be a number of seconds");
                }
            }
        } else if (!pauses.isMissingNode()) {
            problems.add(label + ": 'pauses' must be an object with 'before' and/or 'after'");
        }
        JsonNode background = activity.path("background");
        if (!background.isMissingNode() && !background.isBoolean()) {
            problems.add(label + ": 'background' must be true or false");
        }
        return activity;
    }

    /** What the run's policy refuses in this provider block (its type, the hosts it reaches once substituted). */
    static List<String> refusals(String label, JsonNode provider, Variables variables, Checks checks) {
        return refusals(label, variables.substitute(provider), variables, checks.providers(), checks.policy());
    }

    /** What {@code policy} refuses in a substituted provider block; also checked just before each activity runs. */
    static List<String> refusals(
            String label, JsonNode provider, Variables variables, ProviderRegistry providers, RunPolicy policy) {
        String type = provider.path("type").asString("");
        Provider p = providers.get(type);
        if (p == null) {
            return policy.refusals(label, type, List.of(), List.of());
        }
        return policy.refusals(label, type, p.alsoRequires(provider), p.addresses(provider, variables));
    }

    static void checkTolerance(
            String probe,
            JsonNode tolerance,
            Map<String, JsonNode> byName,
            Variables variables,
            Checks checks,
            List<String> problems,
            List<String> warnings) {
        String label = "hypothesis probe '" + probe + "' tolerance";
        if (tolerance.isBoolean() || tolerance.isIntegralNumber() || tolerance.isTextual() || tolerance.isArray()) {
            return;
        }
        if (!tolerance.isObject()) {
            problems.add(label + " must be a boolean, an integer, a string, a list or an object, found " + tolerance);
            return;
        }
        String type = tolerance.path("type").asText("");
        switch (type) {
            case "probe" ->
                checkActivity("tolerance of '" + probe + "'", tolerance, byName, variables, checks, problems, warnings);
            case "regex" -> {
                if (!tolerance.path("pattern").isTextual()) {
                    problems.add(label + " of type regex needs a 'pattern'");
                } else {
                    try {
                        Pattern.compile(tolerance.path("pattern").asText());
                    } catch (PatternSyntaxException e) {
                        problems.add(label + ": invalid regex: " + e.getDescription());
                    }
                }
            }
            case "jsonpath" -> {
                String path = tolerance.path("path").asText("").strip();
                if (path.isEmpty()) {
                    problems.add(label + " of type jsonpath needs a non-empty 'path'");
                } else {
                    try {
                        com.jayway.jsonpath.JsonPath.compile(path);
                    } catch (RuntimeException e) {
                        problems.add(label + ": invalid JSON path " + path + ": " + e.getMessage());
                    }
                }
            }
            case "range" -> {
                JsonNode range = tolerance.path("range");
                if (!range.isArray()
                        || range.size() != 2
                        || !range.get(0).isNumber()
                        || !range.get(1).isNumber()) {
                    problems.add(label + " of type range needs 'range': [lower, upper] with two numbers");
                }
            }
            default -> problems.add(label + " has unsupported type '" + type + "'");
        }
        variables.checkReferences(tolerance, label, problems);
    }

    private static boolean nonBlankText(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank();
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
