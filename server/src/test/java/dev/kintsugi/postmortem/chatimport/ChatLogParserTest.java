package dev.kintsugi.postmortem.chatimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Chat log import: each format on real fixtures, in two zones, malformed files, daylight-saving changes. */
class ChatLogParserTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId ATHENS = ZoneId.of("Europe/Athens");

    private final ChatLogParser parser = new ChatLogParser();

    // --- Slack export ---

    @Test
    void slackDayFileSkipsChannelHousekeepingAndKeepsMessages() {
        String content = fixture("slack-export-day-channel-join-purpose.json");
        List<ChatLine> lines = parser.parse(ChatFormat.SLACK_EXPORT, content, PARIS, LocalDate.of(2018, 1, 31));
        assertThat(lines)
                .containsExactly(
                        new ChatLine(
                                Instant.parse("2018-01-31T18:43:53.000013Z"),
                                "cecilytechuan",
                                "Honda Odyssey: Tires replaced 12/30/17",
                                17),
                        new ChatLine(
                                Instant.parse("2018-01-31T18:44:07.000789Z"),
                                "cecilytechuan",
                                "Odyssey: Oil changed 12/30/17",
                                54));
        // ts is absolute: the zone of the import changes nothing.
        assertThat(parser.parse(ChatFormat.SLACK_EXPORT, content, NEW_YORK, LocalDate.of(2018, 1, 31)))
                .isEqualTo(lines);
    }

    @Test
    void slackThreadParentIsAnOrdinaryMessage() {
        List<ChatLine> lines = parser.parse(
                ChatFormat.SLACK_EXPORT,
                fixture("slack-export-day-thread-parent.json"),
                ZoneOffset.UTC,
                LocalDate.of(2025, 1, 10));
        assertThat(lines)
                .containsExactly(
                        new ChatLine(Instant.parse("2025-01-10T03:08:34.897649Z"), "WgO268Xc0KtFylJ", "CYmxt38hm", 2),
                        new ChatLine(
                                Instant.parse("2025-01-10T03:10:30.905399Z"),
                                "WgO268Xc0KtFylJ",
                                "dtUeWsjQpQO8 TFoFBeQ",
                                30));
    }

    @Test
    void slackMarkupBecomesMarkdown() {
        String content = """
                [
                  {"type": "message", "user": "U1", "ts": "1774771200.000100",
                   "user_profile": {"real_name": "Alice Martin", "display_name": "alice"},
                   "text": "<!here> db primary down, see <https://grafana.example/d/db?from=1&amp;to=2|the dashboard>"},
                  {"type": "message", "user": "U2", "user_name": "bob", "ts": "1774771260.000200",
                   "thread_ts": "1774771200.000100",
                   "text": "<@U1> on it &lt;3 &amp; failing over in <#C42|inc-42>, mail <mailto:ops@example.com|ops@example.com>"}
                ]
                [
                  {"type": "message", "subtype": "bot_message", "username": "PagerDuty", "ts": "1774771230.000000",
                   "text": "", "attachments": [{"fallback": "Triggered: DB primary unreachable"}]},
                  {"type": "message", "subtype": "channel_join", "user": "U3", "ts": "1774771100.000000",
                   "text": "<@U3> has joined the channel"},
                  {"type": "message", "user": "U9", "ts": "1774771300.000000", "text": "<http://x.example/a>"}
                ]
                """;
        List<ChatLine> lines = parser.parse(ChatFormat.SLACK_EXPORT, content, PARIS, LocalDate.of(2026, 3, 29));
        assertThat(lines).extracting(ChatLine::author).containsExactly("Alice Martin", "PagerDuty", "bob", "U9");
        assertThat(lines)
                .extracting(ChatLine::text)
                .containsExactly(
                        "@here db primary down, see [the dashboard](https://grafana.example/d/db?from=1&to=2)",
                        "Triggered: DB primary unreachable",
                        "↳ @Alice Martin on it <3 & failing over in #inc-42, mail ops@example.com",
                        "http://x.example/a");
        assertThat(lines).extracting(ChatLine::lineNumber).containsExactly(2, 10, 5, 14);
        assertThat(lines.getFirst().at()).isEqualTo(Instant.parse("2026-03-29T08:00:00.0001Z"));
    }

    @Test
    void malformedSlackJsonNamesTheLineAndImportsNothing() {
        String content = """
                [
                  {"type": "message", "user": "U1", "ts": "1774771200.000100", "text": "fine"},
                  {"type": "message", "user": "U1" "ts": "1774771260.000100", "text": "missing comma"}
                ]
                """;
        assertThatThrownBy(() -> parser.parse(ChatFormat.SLACK_EXPORT, content, PARIS, LocalDate.of(2026, 3, 29)))
                .isInstanceOfSatisfying(ChatImportException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.field()).isEqualTo("file");
                    assertThat(e.getMessage()).startsWith("line 3: not valid JSON");
                });
    }

    @Test
    void slackMessageWithoutTimestampOrNotAnArrayIsRefused() {
        String noTs = """
                [
                  {"type": "message", "user": "U1", "ts": "1774771200.000100", "text": "fine"},
                  {"type": "message", "user": "U1", "text": "no ts"}
                ]""";
        assertThatThrownBy(() -> parser.parse(ChatFormat.SLACK_EXPORT, noTs, PARIS, LocalDate.of(2026, 3, 29)))
                .hasMessage("line 3: message without a valid 'ts' (epoch seconds)");
        assertThatThrownBy(() ->
                        parser.parse(ChatFormat.SLACK_EXPORT, "{\"ts\": \"1\"}", PARIS, LocalDate.of(2026, 3, 29)))
                .hasMessageStartingWith("line 1: expected a JSON array");
        assertThatThrownBy(() -> parser.parse(
                        ChatFormat.SLACK_EXPORT, "[\n{\"ts\": \"1\"},\n", PARIS, LocalDate.of(2026, 3, 29)))
                .isInstanceOf(ChatImportException.class)
                .hasMessageContaining("not valid JSON");
    }

    // --- IRC ---

    @Test
    void ircDircproxyFixtureInTwoZones() {
        String content = fixture("irc-dircproxy-2009-01-14.log");
        LocalDate day = LocalDate.of(2009, 1, 14);
        List<ChatLine> paris = parser.parse(ChatFormat.IRC, content, PARIS, day);
        assertThat(paris).hasSize(9);
        assertThat(paris.getFirst())
                .isEqualTo(new ChatLine(
                        Instant.parse("2009-01-14T11:36:00Z"),
                        "nombyte",
                        "hey doesn't anyone know a fedora app that can be used to make java gui's?",
                        5));
        assertThat(paris.get(1).text()).isEqualTo("No clue... there's probably an Eclipse plugin that does it");
        assertThat(paris.get(7))
                .isEqualTo(new ChatLine(
                        Instant.parse("2009-01-14T22:26:00Z"),
                        "stickster",
                        "nombyte: Yes, it'll keep running just fine.",
                        24));
        List<ChatLine> newYork = parser.parse(ChatFormat.IRC, content, NEW_YORK, day);
        assertThat(newYork.getFirst().at()).isEqualTo(Instant.parse("2009-01-14T17:36:00Z"));
        assertThat(newYork.getLast().at()).isEqualTo(Instant.parse("2009-01-15T04:35:00Z"));
    }

    @Test
    void ircLimnoriaFixtureInTwoZonesUsesTheDateInTheLine() {
        String content = fixture("irc-limnoria-ltsp-2019-10-01.log");
        LocalDate someOtherDay = LocalDate.of(2020, 6, 1); // the date in each line wins
        List<ChatLine> utc = parser.parse(ChatFormat.IRC, content, ZoneOffset.UTC, someOtherDay);
        assertThat(utc).hasSize(133); // 176 lines, 43 joins and quits skipped
        assertThat(utc.getFirst().at()).isEqualTo(Instant.parse("2019-10-01T10:58:01Z"));
        assertThat(utc.getFirst().author()).isEqualTo("matusiak");
        assertThat(utc.getFirst().lineNumber()).isEqualTo(16);
        assertThat(utc.getFirst().text()).startsWith("Hi everyone. Is there a way i LTSP");
        assertThat(utc).extracting(ChatLine::author).doesNotContain("kjackal", "quinox");
        List<ChatLine> athens = parser.parse(ChatFormat.IRC, content, ATHENS, someOtherDay);
        assertThat(athens.getFirst().at()).isEqualTo(Instant.parse("2019-10-01T07:58:01Z")); // EEST, UTC+3
        assertThat(athens)
                .extracting(ChatLine::text)
                .isEqualTo(utc.stream().map(ChatLine::text).toList());
    }

    @Test
    void ircIrssiWithDayChangeActionsAndModes() {
        String content = """
                --- Log opened Sun Mar 29 00:55:12 2026
                00:55 <@alice> db primary is down
                00:56  * bob looks at the graphs
                01:05 -!- carol [c@example.com] has joined #inc-42
                23:59:30 < carol> still failing over

                --- Day changed Mon Mar 30 2026
                09:00 <+dave> morning
                [09:01] <alice> back
                """;
        List<ChatLine> lines = parser.parse(ChatFormat.IRC, content, PARIS, LocalDate.of(2026, 1, 1));
        assertThat(lines)
                .containsExactly(
                        new ChatLine(Instant.parse("2026-03-28T23:55:00Z"), "alice", "db primary is down", 2),
                        new ChatLine(Instant.parse("2026-03-28T23:56:00Z"), "bob", "_looks at the graphs_", 3),
                        new ChatLine(Instant.parse("2026-03-29T21:59:30Z"), "carol", "still failing over", 5),
                        new ChatLine(Instant.parse("2026-03-30T07:00:00Z"), "dave", "morning", 8),
                        new ChatLine(Instant.parse("2026-03-30T07:01:00Z"), "alice", "back", 9));
    }

    @Test
    void ircWeechatAcrossTheSpringDaylightSavingChange() {
        String content = """
                2026-03-29 01:59:00\t@alice\tfailover started
                2026-03-29 03:01:00\t-->\tbob (b@example.com) has joined #inc-42
                2026-03-29 03:01:30\t *\tbob waves
                2026-03-29 03:02:00\tbob\tprimary is back
                """;
        List<ChatLine> lines = parser.parse(ChatFormat.IRC, content, PARIS, LocalDate.of(2026, 3, 29));
        assertThat(lines)
                .extracting(ChatLine::at)
                .containsExactly(
                        Instant.parse("2026-03-29T00:59:00Z"),
                        Instant.parse("2026-03-29T01:01:30Z"),
                        Instant.parse("2026-03-29T01:02:00Z"));
        assertThat(lines).extracting(ChatLine::text).containsExactly("failover started", "_waves_", "primary is back");
    }

    @Test
    void ircGarbageLineInTheMiddleNamesTheLineAndImportsNothing() {
        List<String> rows = new java.util.ArrayList<>(
                fixture("irc-dircproxy-2009-01-14.log").lines().toList());
        rows.add(7, "this line is not from any IRC client");
        String content = String.join("\n", rows);
        assertThatThrownBy(() -> parser.parse(ChatFormat.IRC, content, PARIS, LocalDate.of(2009, 1, 14)))
                .isInstanceOfSatisfying(ChatImportException.class, e -> {
                    assertThat(e.line()).isEqualTo(8);
                    assertThat(e.getMessage()).startsWith("line 8: expected an IRC log line");
                });
    }

    @Test
    void ircLineWithATimeButNoNickIsRefused() {
        assertThatThrownBy(() -> parser.parse(
                        ChatFormat.IRC, "10:00 <alice> hi\n10:01 hello there", PARIS, LocalDate.of(2026, 1, 1)))
                .hasMessage("line 2: expected '<nick> message' after the time");
        assertThatThrownBy(() -> parser.parse(ChatFormat.IRC, "25:00 <alice> hi", PARIS, LocalDate.of(2026, 1, 1)))
                .hasMessage("line 1: '25:00' is not a time of day");
    }

    // --- plain text ---

    @Test
    void plainTextInTwoZones() {
        String content = """
                10:02 alice: the checkout error rate is at 30%
                10:03:30 Bob Smith: rolling back release 4.2

                [10:05] alice: recovered, see https://status.example/incidents/42
                """;
        LocalDate day = LocalDate.of(2026, 1, 15);
        List<ChatLine> paris = parser.parse(ChatFormat.PLAIN, content, PARIS, day);
        assertThat(paris)
                .containsExactly(
                        new ChatLine(
                                Instant.parse("2026-01-15T09:02:00Z"), "alice", "the checkout error rate is at 30%", 1),
                        new ChatLine(Instant.parse("2026-01-15T09:03:30Z"), "Bob Smith", "rolling back release 4.2", 2),
                        new ChatLine(
                                Instant.parse("2026-01-15T09:05:00Z"),
                                "alice",
                                "recovered, see https://status.example/incidents/42",
                                4));
        assertThat(parser.parse(ChatFormat.PLAIN, content, NEW_YORK, day))
                .extracting(ChatLine::at)
                .containsExactly(
                        Instant.parse("2026-01-15T15:02:00Z"),
                        Instant.parse("2026-01-15T15:03:30Z"),
                        Instant.parse("2026-01-15T15:05:00Z"));
    }

    @Test
    void plainLineWithoutTimeNamesTheLine() {
        String content = "10:02 alice: down\nbob: looking\n10:04 alice: up";
        assertThatThrownBy(() -> parser.parse(ChatFormat.PLAIN, content, PARIS, LocalDate.of(2026, 1, 15)))
                .isInstanceOfSatisfying(ChatImportException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.getMessage()).isEqualTo("line 2: expected 'HH:MM nick: message'");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"10:02 no colon anywhere", "10:02", "1002 alice: hi", "24:00 alice: hi", "10:61 a: b"})
    void plainMalformedLinesAreRefused(String line) {
        assertThatThrownBy(() ->
                        parser.parse(ChatFormat.PLAIN, "10:00 alice: ok\r\n" + line, PARIS, LocalDate.of(2026, 1, 15)))
                .isInstanceOf(ChatImportException.class)
                .hasMessageStartingWith("line 2: ");
    }

    @Test
    void plainTimesCrossingMidnightRollToTheNextDay() {
        String content = "23:58 alice: still down\n00:03 bob: up again\n00:04 bob: confirmed";
        List<ChatLine> lines = parser.parse(ChatFormat.PLAIN, content, ZoneOffset.UTC, LocalDate.of(2026, 12, 31));
        assertThat(lines)
                .extracting(ChatLine::at)
                .containsExactly(
                        Instant.parse("2026-12-31T23:58:00Z"),
                        Instant.parse("2027-01-01T00:03:00Z"),
                        Instant.parse("2027-01-01T00:04:00Z"));
    }

    @Test
    void plainAcrossTheSpringGap() {
        // Europe/Paris, 2026-03-29: 02:00 CET jumps to 03:00 CEST.
        String content = "01:59 alice: a\n02:30 bob: b\n03:01 carol: c";
        List<ChatLine> lines = parser.parse(ChatFormat.PLAIN, content, PARIS, LocalDate.of(2026, 3, 29));
        assertThat(lines)
                .extracting(ChatLine::at)
                .containsExactly(
                        Instant.parse("2026-03-29T00:59:00Z"),
                        Instant.parse("2026-03-29T01:30:00Z"), // 02:30 does not exist: read as 03:30 CEST
                        Instant.parse("2026-03-29T01:01:00Z")); // 03:01 CEST, the same day
    }

    @Test
    void plainAcrossTheAutumnOverlap() {
        // Europe/Paris, 2026-10-25: 03:00 CEST goes back to 02:00 CET, so 02:00-02:59 happens twice.
        String content = "02:50 alice: first pass\n02:10 bob: second pass\n03:00 carol: after\n03:05 dave: later";
        List<ChatLine> lines = parser.parse(ChatFormat.PLAIN, content, PARIS, LocalDate.of(2026, 10, 25));
        assertThat(lines)
                .extracting(ChatLine::at)
                .containsExactly(
                        Instant.parse("2026-10-25T00:50:00Z"),
                        Instant.parse("2026-10-25T01:10:00Z"),
                        Instant.parse("2026-10-25T02:00:00Z"),
                        Instant.parse("2026-10-25T02:05:00Z"));
    }

    // --- all formats ---

    @ParameterizedTest
    @EnumSource(ChatFormat.class)
    void emptyInputGivesNoLines(ChatFormat format) {
        assertThat(parser.parse(format, "", PARIS, LocalDate.of(2026, 1, 1))).isEmpty();
        assertThat(parser.parse(format, "  \n\n \r\n", PARIS, LocalDate.of(2026, 1, 1)))
                .isEmpty();
    }

    @Test
    void emptySlackArrayGivesNoLines() {
        assertThat(parser.parse(ChatFormat.SLACK_EXPORT, "[]", PARIS, LocalDate.of(2026, 1, 1)))
                .isEmpty();
    }

    private static String fixture(String name) {
        try (InputStream in = ChatLogParserTest.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
