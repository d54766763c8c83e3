package dev.kintsugi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/** Properties of the platform's small parts that must hold for every input, not only the examples we thought of. */
class PlatformPropertiesTest {
    private final Markdown markdown = new Markdown();

    @Property
    void anEntityTagReadsBackAsItsVersionStrongOrWeak(@ForAll @LongRange(min = 0) long version) {
        assertThat(Versions.ifMatch(Versions.etag(version))).hasValue(version);
        assertThat(Versions.ifMatch("W/" + Versions.etag(version))).hasValue(version);
    }

    @Property
    void anyIfMatchHeaderIsReadAsAVersionOrRefusedNamingTheHeader(@ForAll String header) {
        try {
            Versions.ifMatch(header).ifPresent(v -> assertThat(v).isNotNegative());
        } catch (InvalidInputException refused) {
            assertThat(refused.field()).isEqualTo(Versions.IF_MATCH);
        }
    }

    @Property(tries = 300)
    void markdownMixedWithHostileHtmlComesOutInert(@ForAll("hostileMarkdown") String text) {
        String html = markdown.toHtml(text).toLowerCase(Locale.ROOT);
        // Escaped text (&lt;script&gt;) is harmless; what must never come out is an active tag or attribute.
        assertThat(html).doesNotContainPattern("<(script|iframe|object|embed|svg|style|math)\\b");
        assertThat(html).doesNotContainPattern("<[^>]*javascript:");
        assertThat(html).doesNotContainPattern("<[^>]*\\son[a-z]+\\s*=");
    }

    @Provide
    Arbitrary<String> hostileMarkdown() {
        Arbitrary<String> pieces = Arbitraries.of(List.of(
                "**bold**",
                "`code`",
                "\n\n- item\n",
                "[link](javascript:alert(1))",
                "[ok](https://example.test/x)",
                "<script>alert(1)</script>",
                "<img src=x onerror=alert(1)>",
                "<a href=\"javascript:alert(1)\">x</a>",
                "<svg onload=alert(1)>",
                "<iframe src=//evil.test>",
                "<style>*{}</style>",
                "<object data=x>",
                "![img](javascript:alert(1))",
                "<div onclick=\"x()\">",
                "&lt;script&gt;",
                "\u0000",
                "| a | b |\n|---|---|\n| <b onmouseover=x>1</b> | 2 |\n"));
        Arbitrary<String> noise = Arbitraries.strings().ofMaxLength(8);
        return Arbitraries.oneOf(pieces, noise).list().ofMaxSize(12).map(l -> String.join("", l));
    }
}
