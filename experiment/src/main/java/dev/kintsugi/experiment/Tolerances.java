package dev.kintsugi.experiment;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Chaos Toolkit's tolerance rules. Scalars compare equal (an int or a list tested against an output with a
 * {@code status} tests that status); a two-number list is an inclusive range, a longer one a set of allowed values;
 * objects are {@code regex}, {@code jsonpath}, {@code range} or {@code probe} tolerances.
 */
public final class Tolerances {

    /** Runs a tolerance of type {@code probe} with the value as its {@code value} argument. */
    @FunctionalInterface
    public interface ProbeTolerance {
        boolean run(JsonNode toleranceProbe, JsonNode value) throws InterruptedException;
    }

    private static final Configuration JSONPATH = Configuration.builder()
            .options(Option.ALWAYS_RETURN_LIST, Option.SUPPRESS_EXCEPTIONS)
            .build();

    private Tolerances() {}

    public static boolean within(JsonNode tolerance, JsonNode value, ProbeTolerance probes)
            throws InterruptedException {
        if (value == null) {
            value = tools.jackson.databind.node.NullNode.instance;
        }
        if (tolerance.isBoolean()) {
            return value.isBoolean() && value.asBoolean() == tolerance.asBoolean();
        }
        if (tolerance.isIntegralNumber()) {
            JsonNode tested = value.isObject() && value.has("status") ? value.get("status") : value;
            return sameValue(tolerance, tested);
        }
        if (tolerance.isTextual()) {
            return value.isTextual() && value.asText().equals(tolerance.asText());
        }
        if (tolerance.isArray()) {
            if (value.isObject() && value.has("status")) {
                return contains(tolerance, value.get("status"));
            }
            if (tolerance.size() == 2
                    && tolerance.get(0).isNumber()
                    && tolerance.get(1).isNumber()) {
                BigDecimal v = decimal(value);
                return v != null
                        && tolerance.get(0).decimalValue().compareTo(v) <= 0
                        && v.compareTo(tolerance.get(1).decimalValue()) <= 0;
            }
            return contains(tolerance, value);
        }
        if (tolerance.isObject()) {
            String type = tolerance.path("type").asText();
            JsonNode target = tolerance.path("target");
            JsonNode tested = target.isTextual() && value.isObject() && value.has(target.asText())
                    ? value.get(target.asText())
                    : value;
            switch (type) {
                case "probe":
                    return probes.run(tolerance, value);
                case "regex":
                    return tested.isTextual()
                            && Pattern.compile(tolerance.path("pattern").asText())
                                    .matcher(tested.asText())
                                    .find();
                case "jsonpath":
                    return jsonPath(tolerance, tested);
                case "range":
                    BigDecimal v = decimal(tested);
                    JsonNode range = tolerance.path("range");
                    return v != null
                            && new BigDecimal(range.get(0).asText()).compareTo(v) <= 0
                            && v.compareTo(new BigDecimal(range.get(1).asText())) <= 0;
                default:
                    return false;
            }
        }
        return false;
    }

    private static boolean jsonPath(JsonNode tolerance, JsonNode tested) {
        JsonNode document = tested;
        if (tested.isTextual()) {
            try {
                document = ExperimentLoader.JSON.readTree(tested.asText());
            } catch (JacksonException e) {
                document = tested;
            }
        }
        Object read = JsonPath.using(JSONPATH)
                .parse(document.toString())
                .read(tolerance.path("path").asText().strip());
        List<JsonNode> values = new ArrayList<>();
        // json-path's default provider gives plain Java lists, maps and numbers: back to trees for the comparisons
        if (read instanceof List<?> list) {
            list.forEach(item -> values.add(ExperimentLoader.JSON.valueToTree(item)));
        }
        boolean result = !values.isEmpty();
        if (tolerance.has("count")) {
            result = values.size() == tolerance.path("count").asInt();
        }
        if (tolerance.has("expect")) {
            JsonNode expect = tolerance.get("expect");
            List<JsonNode> expected = new ArrayList<>();
            if (expect.isArray()) {
                expect.forEach(expected::add);
            } else {
                expected.add(expect);
            }
            result = expected.size() == values.size();
            for (int i = 0; result && i < expected.size(); i++) {
                result = sameValue(expected.get(i), values.get(i));
            }
        }
        return result;
    }

    private static boolean contains(JsonNode list, JsonNode value) {
        for (JsonNode item : list) {
            if (sameValue(item, value)) {
                return true;
            }
        }
        return false;
    }

    /** Equality where 200 and 200.0 are the same number, as in Python. */
    static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static BigDecimal decimal(JsonNode value) {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isTextual()) {
            try {
                return new BigDecimal(value.asText().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
