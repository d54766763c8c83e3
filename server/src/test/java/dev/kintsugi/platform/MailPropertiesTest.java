package dev.kintsugi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** kintsugi.mail.* as application.yml binds it: its own names, and the former post-mortem one as a fallback. */
class MailPropertiesTest {

    private static MailProperties bind(Map<String, Object> settings) throws Exception {
        StandardEnvironment env = new StandardEnvironment();
        // only what the test says and application.yml: not this machine's KINTSUGI_* variables
        env.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        env.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        env.getPropertySources().addFirst(new MapPropertySource("test", settings));
        new YamlPropertySourceLoader()
                .load("application.yml", new ClassPathResource("application.yml"))
                .forEach(env.getPropertySources()::addLast);
        return Binder.get(env).bind("kintsugi.mail", MailProperties.class).get();
    }

    @Test
    void defaultsAndTheNewNameAndTheFormerOne() throws Exception {
        assertThat(bind(Map.of())).isEqualTo(new MailProperties("kintsugi@localhost", "en"));
        assertThat(bind(Map.of("kintsugi.mail.from", "ops@example.test")).from())
                .isEqualTo("ops@example.test");
        assertThat(bind(Map.of("kintsugi.postmortem.mail-from", "old@example.test"))
                        .from())
                .isEqualTo("old@example.test");
        assertThat(bind(Map.of(
                                "kintsugi.mail.from", "new@example.test",
                                "kintsugi.postmortem.mail-from", "old@example.test"))
                        .from())
                .isEqualTo("new@example.test");
        assertThat(bind(Map.of("kintsugi.mail.default-locale", "fr")).defaultLocale())
                .isEqualTo("fr");
    }
}
