package dev.kintsugi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

/** What biweekly writes for us, read back by another library (ical4j) and checked against RFC 5545's rules. */
class CalendarFilesTest {
    private static final Instant STAMP = Instant.parse("2026-03-20T08:15:00Z");
    private static final Instant START = Instant.parse("2026-04-02T12:30:00Z");
    private static final Instant END = Instant.parse("2026-04-02T13:15:00Z");

    private static String invitation(String summary, String description, String location) {
        return CalendarFiles.write(
                "-//Kintsugi//Test//EN",
                List.of(new CalendarFiles.Event(
                        "pm-7-review@kintsugi.example.test",
                        STAMP,
                        START,
                        END,
                        summary,
                        description,
                        location,
                        "https://kintsugi.example.test/postmortems/7",
                        List.of(
                                new CalendarFiles.Invitee("Zoë \"Ops\" Martin", "zoe@example.test"),
                                new CalendarFiles.Invitee(
                                        "guest@partner.example.test", "guest@partner.example.test")))));
    }

    @Test
    void anIndependentParserReadsBackEveryField() throws Exception {
        String description = "Read it first; then, bring questions.\nNotes: \\ café ☕ "
                + "a long line of text that goes well past seventy-five octets, é è à ü ö ñ 日本語 "
                        .repeat(3)
                        .strip();
        String ics =
                invitation("Review: pool, retries; backoff", description, "Room 2; or https://meet.example.test/x");

        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        assertThat(calendar.validate().hasErrors())
                .as(calendar.validate().getEntries().toString())
                .isFalse();
        assertThat(calendar.getProperty(Property.PRODID).map(Property::getValue))
                .contains("-//Kintsugi//Test//EN");
        assertThat(calendar.getProperty(Property.METHOD)).as("no iTIP method").isEmpty();
        assertThat(calendar.getProperty(Property.VERSION).map(Property::getValue))
                .contains("2.0");
        VEvent event = calendar.<VEvent>getComponent("VEVENT").orElseThrow();
        assertThat(value(event, Property.UID)).isEqualTo("pm-7-review@kintsugi.example.test");
        assertThat(value(event, Property.DTSTAMP)).isEqualTo("20260320T081500Z");
        assertThat(value(event, Property.DTSTART)).isEqualTo("20260402T123000Z");
        assertThat(value(event, Property.DTEND)).isEqualTo("20260402T131500Z");
        assertThat(value(event, Property.SUMMARY)).isEqualTo("Review: pool, retries; backoff");
        assertThat(value(event, Property.DESCRIPTION)).isEqualTo(description);
        assertThat(value(event, Property.LOCATION)).isEqualTo("Room 2; or https://meet.example.test/x");
        assertThat(value(event, Property.URL)).isEqualTo("https://kintsugi.example.test/postmortems/7");
        List<Property> attendees = event.getProperties(Property.ATTENDEE);
        assertThat(attendees)
                .extracting(Property::getValue)
                .containsExactly("mailto:zoe@example.test", "mailto:guest@partner.example.test");
        assertThat(attendees.get(0).getParameter(Parameter.CN).map(Parameter::getValue))
                .contains("Zoë 'Ops' Martin");
        assertThat(attendees.get(0).getParameter(Parameter.PARTSTAT).map(Parameter::getValue))
                .contains("NEEDS-ACTION");
    }

    @Test
    void linesEndInCrlfAndAreFoldedAtSeventyFiveOctets() {
        String ics = invitation("Review", "é".repeat(200) + " 日本語".repeat(40), null);
        assertThat(ics).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n");
        assertThat(ics.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        for (String line : ics.split("\r\n")) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length)
                    .as("octets of: " + line)
                    .isLessThanOrEqualTo(75);
        }
        assertThat(ics).doesNotContain("LOCATION");
    }

    @Test
    void aFeedWithoutInviteesIsValidToo() throws Exception {
        String ics = CalendarFiles.write(
                "-//Kintsugi//Test//EN",
                List.of(new CalendarFiles.Event("a@x", STAMP, START, END, "On call", null, null, null, List.of())));
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        assertThat(calendar.validate().hasErrors())
                .as(calendar.validate().getEntries().toString())
                .isFalse();
        assertThat(calendar.getProperty(Property.METHOD)).as("no iTIP method").isEmpty();
    }

    private static String value(VEvent event, String property) {
        return event.getProperty(property).map(Property::getValue).orElseThrow();
    }
}
