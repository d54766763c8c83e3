package dev.kintsugi.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every input error and conflict of the core modules (incident, postmortem, catalog, platform) and alerting is said by a bundle
 * code, and every such code has its English and French text: scans the sources for {@code new
 * InvalidInputException(} and {@code new ConflictException(} and reads their arguments.
 */
class ErrorCodesInBundlesTest {
    private static final List<String> MODULES =
            List.of("incident", "postmortem", "catalog", "platform", "alerting", "chaos", "oncall", "gameday");
    private static final List<String> BUNDLES = List.of(
            "messages",
            "platform",
            "catalog",
            "incident",
            "postmortem",
            "countermeasure",
            "postmortem-mail",
            "alerting",
            "chaos",
            "oncall",
            "gameday");
    private static final Pattern THROWN = Pattern.compile(
            "new (InvalidInputException|ConflictException|Refusal)\\(|(?<!ConflictException )\\b(notNow)\\(");
    /**
     * Codes handed on rather than written here: a helper's parameter (its callers are scanned), a closure policy's
     * refusal (its {@code new Refusal(} is scanned), a try-harder refusal already said in the reader's language.
     */
    private static final List<String> PASSED_ON = List.of("code", "refusal.get().code()", "why", "e.code()");

    /** Files of alerting that answer as PagerDuty or Opsgenie do (see {@link #sources()}). */
    private static final List<String> VENDOR_SHAPED = List.of(
            "PagerDutyController.java", "PagerDutyEvents.java", "OpsgenieController.java", "OpsgenieAlerts.java");

    private static final Pattern CODE = Pattern.compile("\"([a-z][A-Za-z0-9]*(?:\\.[A-Za-z0-9]+)+)\"");

    @Test
    void everyErrorOfTheCoreModulesHasACodeInBothLanguages() throws IOException {
        Properties english = bundles("");
        Properties french = bundles("_fr");
        List<String> withoutCode = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        for (Path file : sources()) {
            String src = Files.readString(file);
            Matcher m = THROWN.matcher(src);
            while (m.find()) {
                List<String> args = arguments(src, m.end() - 1);
                String where =
                        file.getFileName() + ":" + (src.substring(0, m.start()).split("\n", -1).length);
                int codeAt = "InvalidInputException".equals(m.group(1)) ? 1 : "Refusal".equals(m.group(1)) ? 2 : 0;
                if (args.size() < 3 && !PASSED_ON.contains(args.get(args.size() - 1))) {
                    withoutCode.add(where + " " + args);
                    continue;
                }
                String code = args.get(codeAt);
                if (code.startsWith("\"catalog.conflict.\" + kind")) {
                    // the catalog's name clashes, by the kind of thing named
                    for (String kind : List.of("service", "team")) {
                        codes.add("catalog.conflict." + kind + "Taken");
                        codes.add("catalog.conflict." + kind + "Deleted");
                    }
                    continue;
                }
                Matcher literal = CODE.matcher(code);
                boolean any = false;
                while (literal.find()) { // "a.b", or a conditional choosing between codes
                    codes.add(literal.group(1));
                    any = true;
                }
                if (!any && !PASSED_ON.contains(code)) {
                    withoutCode.add(where + " " + code);
                }
            }
        }
        assertThat(withoutCode).as("errors without a message code").isEmpty();
        assertThat(codes).hasSizeGreaterThan(60);
        assertThat(codes.stream().filter(c -> !english.containsKey(c)).distinct())
                .as("codes missing from the English bundles")
                .isEmpty();
        assertThat(codes.stream().filter(c -> !french.containsKey(c)).distinct())
                .as("codes missing from the French bundles")
                .isEmpty();
    }

    private static List<Path> sources() throws IOException {
        List<Path> all = new ArrayList<>();
        for (String module : MODULES) {
            Path root = Path.of("src/main/java/dev/kintsugi", module);
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(p -> p.toString().endsWith(".java"))
                        .filter(p -> !p.toString().contains("/platform/secrets/"))
                        // PagerDuty- and Opsgenie-compatible endpoints answer in their vendor's English shape
                        // ({status, message, errors[]}; {message, errors{}}): the senders written for those
                        // vendors parse these answers, so they are not problem details and carry no code
                        .filter(p -> !VENDOR_SHAPED.contains(p.getFileName().toString()))
                        // the demo shop (another helper's package) is not one of chaos's input errors
                        .filter(p -> !p.toString().contains("/chaos/demo/"))
                        .forEach(all::add);
            }
        }
        assertThat(all).isNotEmpty();
        return all;
    }

    /** The top-level arguments of the call whose "(" is at {@code open}. */
    private static List<String> arguments(String src, int open) {
        List<String> args = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        boolean inString = false;
        for (int i = open; i < src.length(); i++) {
            char c = src.charAt(i);
            if (inString) {
                cur.append(c);
                if (c == '\\') {
                    cur.append(src.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if (c == '"') {
                inString = true;
                cur.append(c);
            } else if (c == '(' || c == '[' || c == '{') {
                if (depth++ > 0) {
                    cur.append(c);
                }
            } else if (c == ')' || c == ']' || c == '}') {
                if (--depth == 0) {
                    args.add(cur.toString().trim());
                    return args;
                }
                cur.append(c);
            } else if (c == ',' && depth == 1) {
                args.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        throw new IllegalStateException("unbalanced call at " + open);
    }

    private static Properties bundles(String suffix) throws IOException {
        Properties all = new Properties();
        for (String b : BUNDLES) {
            try (InputStream in =
                    ErrorCodesInBundlesTest.class.getResourceAsStream("/i18n/" + b + suffix + ".properties")) {
                assertThat(in).as(b + suffix).isNotNull();
                all.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        }
        return all;
    }
}
