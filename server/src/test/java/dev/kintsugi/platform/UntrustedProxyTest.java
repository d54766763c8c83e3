package dev.kintsugi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.support.IntegrationTest;
import dev.kintsugi.support.RawHttp;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Forwarded headers are believed only from the configured proxies: here the only trusted proxy is 10.9.9.9, so the
 * same headers from 127.0.0.1 (a client talking directly) change nothing. Its own application, own database.
 */
@TestPropertySource(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:kintsugi-untrusted-proxy;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                    + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "spring.datasource.username=sa",
            "spring.datasource.password=",
            "server.tomcat.remoteip.internal-proxies=10\\\\.9\\\\.9\\\\.9"
        })
@DirtiesContext
class UntrustedProxyTest extends IntegrationTest {

    @Test
    void forwardedHeadersFromAnUntrustedAddressAreIgnored() throws Exception {
        var answer = RawHttp.send(
                port,
                "GET",
                "/login",
                Map.of(
                        "X-Forwarded-Proto",
                        "https",
                        "X-Forwarded-For",
                        "203.0.113.7",
                        "X-Forwarded-Host",
                        "evil.example"),
                null);
        assertThat(answer.status()).isEqualTo(200);
        String cookie = answer.all("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID="))
                .findFirst()
                .orElseThrow();
        assertThat(cookie).doesNotContain("Secure");
        assertThat(answer.header("Strict-Transport-Security")).isNull();
    }
}
