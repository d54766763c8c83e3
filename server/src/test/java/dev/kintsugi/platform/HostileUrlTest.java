package dev.kintsugi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.IntegrationTest;
import dev.kintsugi.support.RawHttp;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * URLs refused by Tomcat ({@code %00}, {@code %2F}, {@code %5C}) or by Spring Security's firewall ({@code ..},
 * {@code //}, {@code ;}) still answer as the rest of the product does: problem details on the API, an HTML page
 * without Tomcat's report elsewhere.
 */
class HostileUrlTest extends IntegrationTest {
    private static final String[] HOSTILE = {
        "/%00", "/a%2Fb", "/..%2F..%2Fetc", "/%2e%2e/x", "/a;jsessionid=1", "/a%5Cb", "/a//b", "/a%25%30%30"
    };

    @Test
    void apiPathsAnswerProblemDetails() throws Exception {
        String token = tx.execute(
                s -> tokens.create(createUser(unique("hostile"), Role.VIEWER, "password-hostile1"), "t", null)
                        .value());
        for (String tail : HOSTILE) {
            String path = "/api/v1/incidents" + tail;
            var answer = RawHttp.send(port, "GET", path, Map.of("Authorization", "Bearer " + token), null);
            assertThat(answer.status()).as(path).isEqualTo(400);
            assertThat(answer.header("Content-Type")).as(path).startsWith("application/problem+json");
            var problem = ApiClient.JSON.readTree(answer.body());
            assertThat(problem.get("status").asInt()).as(path).isEqualTo(400);
            assertThat(problem.get("field").asString()).as(path).isEqualTo("path");
            assertThat(answer.body()).as(path).doesNotContain("Tomcat", "<html");
        }
    }

    @Test
    void pagesAnswerAnHtmlPageWithoutTomcatsReport() throws Exception {
        for (String tail : HOSTILE) {
            String path = "/incidents" + tail;
            var answer = RawHttp.send(port, "GET", path, Map.of("Accept", "text/html"), null);
            assertThat(answer.status()).as(path).isEqualTo(400);
            assertThat(answer.header("Content-Type")).as(path).startsWith("text/html");
            assertThat(answer.body()).as(path).contains("Kintsugi").doesNotContain("Apache Tomcat", "HTTP Status 400");
        }
    }
}
