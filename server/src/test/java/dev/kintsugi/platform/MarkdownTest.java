package dev.kintsugi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Markdown comes out formatted and inert: no script, no event handler, no javascript: link survives. */
class MarkdownTest {
    private final Markdown markdown = new Markdown();

    @Test
    void rendersFormatting() {
        String html = markdown.toHtml("**bold** and `code`\n\n- a\n- b\n\n[docs](https://example.com/runbook)");
        assertThat(html)
                .contains("<strong>bold</strong>", "<code>code</code>", "<li>a</li>")
                .contains("href=\"https://example.com/runbook\"");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "<script>alert(1)</script>",
                "<img src=x onerror=alert(1)>",
                "[click](javascript:alert(1))",
                "<a href=\"javascript:alert(1)\">x</a>",
                "<div onclick=\"alert(1)\">x</div>",
                "[x](JaVaScRiPt:alert(1))",
                "<iframe src=\"https://evil.example\"></iframe>",
                "<svg onload=alert(1)>",
                "![x](javascript:alert(1))"
            })
    void hostileInputIsInert(String hostile) {
        String html = markdown.toHtml(hostile).toLowerCase();
        // Escaped text may still spell the words; what must not exist is a live tag or attribute.
        assertThat(html).doesNotContain("<script", "<iframe", "<svg");
        assertThat(html).doesNotContainPattern("<[a-z][^>]*\\son[a-z]+\\s*=");
        assertThat(html).doesNotContainPattern("(href|src)\\s*=\\s*\"?\\s*javascript:");
    }

    @Test
    void blankIsEmpty() {
        assertThat(markdown.toHtml(null)).isEmpty();
        assertThat(markdown.toHtml("   ")).isEmpty();
    }
}
