package dev.kintsugi.chaos;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** What the server checks in an experiment beyond the engine, and where in the document a problem of the engine is. */
final class ExperimentRules {
    private ExperimentRules() {}

    /** What the server refuses beyond the engine: anything that would run a command on the server. */
    static List<ExperimentProblem> serverRules(ObjectNode experiment) {
        List<ExperimentProblem> problems = new ArrayList<>();
        for (String section : List.of("method", "rollbacks")) {
            check(experiment.path(section), "$." + section, problems);
        }
        check(experiment.path("steady-state-hypothesis").path("probes"), "$.steady-state-hypothesis.probes", problems);
        return problems;
    }

    private static void check(JsonNode list, String path, List<ExperimentProblem> problems) {
        if (!(list instanceof ArrayNode array)) {
            return;
        }
        for (int i = 0; i < array.size(); i++) {
            JsonNode provider = array.get(i).path("provider");
            String type = provider.path("type").asString("");
            String func = provider.path("func").asString("");
            if (type.equals("process")
                    || type.equals("kintsugi") && (func.equals("start_process") || func.equals("signal_process"))) {
                problems.add(ExperimentProblem.ofDefinition(
                        path + "[" + i + "].provider",
                        "activity '" + array.get(i).path("name").asString() + "': the server does not run processes"
                                + " (run this experiment with the kintsugi-chaos CLI)"));
            }
        }
    }

    /** The JSON path a problem of the engine is about: the activity it names, else a top-level field, else $. */
    static String pathOf(ObjectNode experiment, String problem) {
        for (String section : List.of("method", "rollbacks")) {
            String p = findNamed(experiment.path(section), "$." + section, problem);
            if (p != null) {
                return p;
            }
        }
        String p = findNamed(
                experiment.path("steady-state-hypothesis").path("probes"), "$.steady-state-hypothesis.probes", problem);
        if (p != null) {
            return p;
        }
        if (problem.contains("'method'")) {
            return "$.method";
        }
        for (String field : List.of("title", "description", "tags", "steady-state-hypothesis", "configuration")) {
            if (problem.contains("'" + field + "'")) {
                return "$." + field;
            }
        }
        return "$";
    }

    private static String findNamed(JsonNode list, String path, String problem) {
        if (!list.isArray()) {
            return null;
        }
        for (int i = 0; i < list.size(); i++) {
            String name = list.get(i).path("name").asString("");
            if (!name.isEmpty() && problem.contains("'" + name + "'")) {
                return path + "[" + i + "]";
            }
        }
        return null;
    }
}
