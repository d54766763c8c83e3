package dev.kintsugi.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The standalone proxy in a child JVM: allowed hosts from {@code --allowed-hosts} and the environment add up. */
class MainTest {

    @Test
    void allowedHostsComeFromTheFlagAndTheEnvironment() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "--port",
                        "0",
                        "--allowed-hosts",
                        "flag.example, other.example")
                .redirectErrorStream(true);
        builder.environment().put(Main.ALLOWED_HOSTS_ENV, "env.example");
        Process process = builder.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()));
            Pattern started = Pattern.compile("API on http://127\\.0\\.0\\.1:(\\d+)");
            int port = -1;
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                Matcher m = started.matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                    break;
                }
            }
            assertThat(port).as("the proxy announced its port").isPositive();
            for (String host : new String[] {"flag.example", "other.example", "env.example:8474", "localhost"}) {
                assertThat(RawHttp.send(port, "GET", "/version", "Host: " + host, null)
                                .status())
                        .as(host)
                        .isEqualTo(200);
            }
            RawHttp.Response refused = RawHttp.send(port, "GET", "/version", "Host: evil.example", null);
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.body()).contains(Main.ALLOWED_HOSTS_ENV);
        } finally {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
