package dev.kintsugi.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * French typography and vocabulary in every French bundle: a narrow no-break
 * space before {@code : ; ? !}, no-break spaces inside « », the typographic apostrophe (MessageFormat would eat a
 * straight one), and one term per concept ("Sévérité", never "Gravité").
 */
class FrenchBundlesTest {
    private static final Pattern SPACE_BEFORE_PUNCTUATION = Pattern.compile("[ \\u00a0][:;?!](\\s|$)");
    private static final Pattern NO_SPACE_BEFORE_PUNCTUATION = Pattern.compile("[\\p{L}\\p{N})»}][;?!:](\\s|$)");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "incident",
                "catalog",
                "platform",
                "messages",
                "postmortem",
                "countermeasure",
                "postmortem-mail",
                "chaos",
                "alerting",
                "oncall",
                "chaos-demo",
                "search",
                "insights",
                "statuspage",
                "gameday"
            })
    void typographyAndVocabulary(String bundle) throws IOException {
        Properties fr = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/i18n/" + bundle + "_fr.properties")) {
            fr.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        List<String> wrong = new ArrayList<>();
        for (String key : fr.stringPropertyNames()) {
            String v = fr.getProperty(key);
            // quoted text is literal (a header name, a character), not French prose
            String prose = v.replaceAll("«\u00a0[^»]*\u00a0»", "«»");
            if (SPACE_BEFORE_PUNCTUATION.matcher(prose).find()
                    || NO_SPACE_BEFORE_PUNCTUATION.matcher(prose).find()
                    || v.contains("'")
                    || v.contains("\"")
                    || v.contains("« ")
                    || v.contains(" »")
                    || v.contains("ravité")) {
                wrong.add(key + "=" + v);
            }
        }
        assertThat(wrong).as(bundle + "_fr").isEmpty();
    }
}
