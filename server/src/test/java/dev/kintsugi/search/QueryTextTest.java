package dev.kintsugi.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kintsugi.platform.InvalidInputException;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The search box's text taken apart: filters, free text, typo tolerance, periods in the viewer's zone. */
class QueryTextTest {
    private static final BilingualAnalyzer ANALYZER = new BilingualAnalyzer();
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void filtersComeOutOfTheText() {
        var p = QueryText.parse(
                "disk full service:checkout severity:SEV1 tag:\"db pool\" type:incident", ANALYZER, PARIS);
        assertThat(p.filters().get("service")).containsExactly("checkout");
        assertThat(p.filters().get("severity")).containsExactly("SEV1");
        assertThat(p.filters().get("tag")).containsExactly("db pool");
        assertThat(p.filters().get("type")).containsExactly("incident");
        assertThat(p.text().toString()).contains("disk").contains("full").doesNotContain("checkout");
    }

    @Test
    void plainWordsAlsoMatchNearSpellings() {
        var p = QueryText.parse("timeout", ANALYZER, PARIS);
        assertThat(p.text().toString()).contains("timeout~1");
        assertThat(QueryText.parse("connection", ANALYZER, PARIS).text().toString())
                .contains("connection~2");
        assertThat(QueryText.parse("dns", ANALYZER, PARIS).text().toString()).doesNotContain("~");
        var phrase = QueryText.parse("\"disk full\"", ANALYZER, PARIS);
        assertThat(phrase.text().toString()).doesNotContain("~");
    }

    @Test
    void periodsAreInTheViewersZone() {
        var month = QueryText.parse("period:2026-03", ANALYZER, PARIS);
        assertThat(month.from()).isEqualTo(Instant.parse("2026-02-28T23:00:00Z"));
        assertThat(month.to()).isEqualTo(Instant.parse("2026-03-31T22:00:00Z"));
        var range = QueryText.parse("period:2026-01-01..2026-01-31", ANALYZER, PARIS);
        assertThat(range.from()).isEqualTo(Instant.parse("2025-12-31T23:00:00Z"));
        assertThat(range.to()).isEqualTo(Instant.parse("2026-01-31T23:00:00Z"));
        var open = QueryText.parse("after:2026-05-01", ANALYZER, PARIS);
        assertThat(open.from()).isEqualTo(Instant.parse("2026-04-30T22:00:00Z"));
        assertThat(open.to()).isNull();
        assertThat(open.text()).isNull();
    }

    @Test
    void unreadableQueriesNameQ() {
        for (String q : new String[] {"\"open", "(a OR", "what:ever", "period:yesterday", "period:0000"}) {
            assertThatThrownBy(() -> QueryText.parse(q, ANALYZER, PARIS))
                    .as(q)
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            e -> assertThat(e.field()).isEqualTo("q"));
        }
    }

    @Test
    void urlsAreNotFields() {
        var p = QueryText.parse("\"https://status.example.com\"", ANALYZER, PARIS);
        assertThat(p.text()).isNotNull();
    }
}
