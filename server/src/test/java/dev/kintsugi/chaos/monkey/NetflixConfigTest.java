package dev.kintsugi.chaos.monkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kintsugi.platform.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Netflix's own configurations (its fromjson_test.go strings, unchanged) read with their meaning. */
class NetflixConfigTest {
    static String fixture(String name) {
        try (InputStream in = NetflixConfigTest.class.getResourceAsStream("/fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theExceptionsFixtureReadsAsNetflixMeansIt() {
        NetflixConfig.Imported c = NetflixConfig.parse(fixture("chaosmonkey-app-config-exceptions.json"));
        assertThat(c.name()).isEqualTo("abc");
        assertThat(c.enabled()).isTrue();
        assertThat(c.meanTimeBetweenKillsInWorkDays()).isEqualTo(5);
        assertThat(c.minTimeBetweenKillsInWorkDays()).isEqualTo(1);
        assertThat(c.grouping()).isEqualTo(MonkeyGroups.Grouping.CLUSTER);
        assertThat(c.regionsAreIndependent()).isTrue();
        assertThat(c.exceptions())
                .containsExactly(
                        new MonkeyGroups.Rule("test", "*", "*", "*"),
                        new MonkeyGroups.Rule("prod", "*", "*", "eu-west-1"));
        assertThat(c.whitelist()).isEmpty();
    }

    @Test
    void theWhitelistFixtureReadsAsNetflixMeansIt() {
        NetflixConfig.Imported c = NetflixConfig.parse(fixture("chaosmonkey-app-config-whitelist.json"));
        assertThat(c.exceptions()).isEmpty();
        assertThat(c.whitelist())
                .containsExactly(
                        new MonkeyGroups.Rule("test", "*", "*", "*"),
                        new MonkeyGroups.Rule("prod", "*", "*", "eu-west-1"));
    }

    @Test
    void badConfigurationsNameTheirField() {
        assertThatThrownBy(() -> NetflixConfig.parse("{\"attributes\":{\"chaosMonkey\":{\"grouping\":\"rack\"}}}"))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).field())
                .isEqualTo("attributes.chaosMonkey.grouping");
        assertThatThrownBy(() ->
                        NetflixConfig.parse("{\"attributes\":{\"chaosMonkey\":{\"meanTimeBetweenKillsInWorkDays\":1,"
                                + "\"minTimeBetweenKillsInWorkDays\":3}}}"))
                .extracting(e -> ((InvalidInputException) e).field())
                .isEqualTo("attributes.chaosMonkey.minTimeBetweenKillsInWorkDays");
        assertThatThrownBy(() -> NetflixConfig.parse("[1]"))
                .extracting(e -> ((InvalidInputException) e).field())
                .isEqualTo("config");
        assertThatThrownBy(() -> NetflixConfig.parse("{\"name\":\"abc\"}"))
                .extracting(e -> ((InvalidInputException) e).field())
                .isEqualTo("attributes.chaosMonkey");
    }
}
