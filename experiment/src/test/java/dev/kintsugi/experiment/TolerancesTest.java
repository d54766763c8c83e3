package dev.kintsugi.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class TolerancesTest {

    static JsonNode json(String s) throws Exception {
        return ExperimentLoader.JSON.readTree(s);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "true | true | true",
                "true | false | false",
                "200 | {\"status\": 200, \"body\": \"x\"} | true",
                "0 | {\"status\": 1, \"stdout\": \"\"} | false",
                "0 | 0 | true",
                "\"ok\" | \"ok\" | true",
                "\"ok\" | \"nok\" | false",
                "[200, 204] | {\"status\": 204} | true",
                "[200, 204] | {\"status\": 201} | false",
                "[1, 10] | 5 | true",
                "[1, 10] | 11 | false",
                "[\"a\", \"b\", \"c\"] | \"b\" | true",
                "{\"type\": \"regex\", \"pattern\": \"^redis\", \"target\": \"stdout\"} | {\"stdout\": \"redis\\n\"} | true",
                "{\"type\": \"regex\", \"pattern\": \"^pong\", \"target\": \"stdout\"} | {\"stdout\": \"redis\\n\"} | false",
                "{\"type\": \"jsonpath\", \"target\": \"body\", \"path\": \"$.error\", \"count\": 0} | {\"body\": \"{\\\"status\\\":\\\"ok\\\"}\"} | true",
                "{\"type\": \"jsonpath\", \"target\": \"body\", \"path\": \"$.error\", \"count\": 0} | {\"body\": {\"error\": 1}} | false",
                "{\"type\": \"jsonpath\", \"target\": \"body\", \"path\": \"$.status\", \"expect\": \"ok\"} | {\"body\": {\"status\": \"ok\"}} | true",
                "{\"type\": \"jsonpath\", \"path\": \"$.items[*].v\", \"expect\": [1, 2]} | {\"items\": [{\"v\": 1}, {\"v\": 2}]} | true",
                "{\"type\": \"range\", \"range\": [0.5, 1.5], \"target\": \"stdout\"} | {\"stdout\": \"1.2\\n\"} | true",
                "{\"type\": \"range\", \"range\": [0.5, 1.5]} | 2 | false"
            })
    void chaosToolkitTolerances(String tolerance, String value, boolean expected) throws Exception {
        assertThat(Tolerances.within(json(tolerance), json(value), (p, v) -> false))
                .isEqualTo(expected);
    }
}
