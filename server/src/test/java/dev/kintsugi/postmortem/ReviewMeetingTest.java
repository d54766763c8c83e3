package dev.kintsugi.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.platform.Role;
import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.WebSession;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The review meeting: API, validation, roles, the page fragment and the iCalendar invitation (RFC 5545). */
class ReviewMeetingTest extends PostmortemFixtures {

    private Map<String, Object> meeting(List<String> attendees) {
        Map<String, Object> m = new HashMap<>();
        m.put("startsAt", "2026-04-02T14:30:00+02:00");
        m.put("durationMinutes", 45);
        m.put("location", "Room Kintsugi; or https://meet.example.test/pm");
        m.put("attendees", attendees);
        m.put(
                "notes",
                "Bring the timeline, the PSP's status page screenshots, and questions; we will walk through every"
                        + " decision in order and ask what made sense at the time — café and croissants provided.");
        return m;
    }

    @Test
    void theMeetingIsPlannedThroughTheApiAndItsInvitationIsValidICalendar() {
        String author = responder();
        Postmortem pm = draft(author);
        ApiClient api = apiAs(author);
        String path = "/api/v1/postmortems/" + pm.id() + "/review-meeting";

        assertThat(api.get("/api/v1/postmortems/" + pm.id() + "/review-meeting.ics")
                        .status())
                .isEqualTo(404);

        var put = api.put(path, meeting(List.of(author, "guest@partner.example.test")));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().get("startsAt").asString()).isEqualTo("2026-04-02T12:30:00Z");
        assertThat(api.get(path).json().get("attendees").get(1).asString()).isEqualTo("guest@partner.example.test");

        var r = api.get("/api/v1/postmortems/" + pm.id() + "/review-meeting.ics");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/calendar");
        String ics = r.body();
        assertThat(ics).endsWith("\r\n");
        assertThat(ics.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        for (String line : ics.split("\r\n")) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length)
                    .as("octets of: " + line)
                    .isLessThanOrEqualTo(75);
        }
        String unfolded = ics.replace("\r\n ", "");
        List<String> lines = Arrays.asList(unfolded.split("\r\n"));
        assertThat(lines.get(0)).isEqualTo("BEGIN:VCALENDAR");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("END:VCALENDAR");
        assertThat(lines)
                .contains("VERSION:2.0", "BEGIN:VEVENT", "END:VEVENT")
                .contains("DTSTART:20260402T123000Z", "DTEND:20260402T131500Z")
                .anyMatch(l -> l.startsWith("PRODID:"))
                .anyMatch(l -> l.matches("UID:postmortem-" + pm.id() + "-review@.+"))
                .anyMatch(l -> l.matches("DTSTAMP:\\d{8}T\\d{6}Z"))
                .anyMatch(l -> l.equals("SUMMARY:Post-mortem review: "
                        + pm.content().title().replace(",", "\\,").replace(";", "\\;") + " (" + pm.key() + ")"))
                .anyMatch(l -> l.startsWith("DESCRIPTION:")
                        && l.contains("http://localhost:8080/postmortems/" + pm.id())
                        && l.contains("\\, and questions\\;")
                        && l.contains("café"))
                .anyMatch(l -> l.equals("LOCATION:Room Kintsugi\\; or https://meet.example.test/pm"))
                .anyMatch(l -> l.startsWith("ATTENDEE;") && l.endsWith(":mailto:" + author + "@example.test"))
                .anyMatch(l -> l.startsWith("ATTENDEE;") && l.endsWith(":mailto:guest@partner.example.test"));

        // an independent parser (ical4j; biweekly wrote it) reads it back and finds it valid
        net.fortuna.ical4j.model.Calendar parsed;
        try {
            parsed = new net.fortuna.ical4j.data.CalendarBuilder().build(new java.io.StringReader(ics));
        } catch (Exception e) {
            throw new AssertionError("ical4j cannot read the invitation: " + e.getMessage(), e);
        }
        assertThat(parsed.validate().hasErrors())
                .as(parsed.validate().getEntries().toString())
                .isFalse();
        net.fortuna.ical4j.model.component.VEvent event = parsed.<net.fortuna.ical4j.model.component.VEvent>
                        getComponent("VEVENT")
                .orElseThrow();
        assertThat(event.getProperty("SUMMARY").map(net.fortuna.ical4j.model.Property::getValue))
                .contains("Post-mortem review: " + pm.content().title() + " (" + pm.key() + ")");
        assertThat(event.getProperty("LOCATION").map(net.fortuna.ical4j.model.Property::getValue))
                .contains("Room Kintsugi; or https://meet.example.test/pm");
        assertThat(event.<net.fortuna.ical4j.model.Property>getProperties("ATTENDEE").stream()
                        .map(net.fortuna.ical4j.model.Property::getValue)
                        .toList())
                .containsExactly("mailto:" + author + "@example.test", "mailto:guest@partner.example.test");

        // the page address gives the same invitation
        var page = WebSession.loggedIn(baseUrl(), author, "password-" + author)
                .get("/postmortems/" + pm.id() + "/review-meeting.ics");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("DTSTART:20260402T123000Z");
    }

    @Test
    void badInputAndTooLowRolesAreRefused() {
        String author = responder();
        Postmortem pm = draft(author);
        ApiClient api = apiAs(author);
        String path = "/api/v1/postmortems/" + pm.id() + "/review-meeting";

        Map<String, Object> noStart = meeting(List.of());
        noStart.remove("startsAt");
        assertField(api.put(path, noStart), "startsAt");
        assertField(api.put(path, meeting(List.of(unique("nobody")))), "attendees");
        assertField(api.put(path, meeting(List.of("not an address@"))), "attendees");
        Map<String, Object> tooShort = meeting(List.of());
        tooShort.put("durationMinutes", 2);
        assertField(api.put(path, tooShort), "durationMinutes");
        assertThat(api.get(path).status()).isEqualTo(404);

        ApiClient viewer = apiAs(Role.VIEWER);
        assertThat(viewer.put(path, meeting(List.of())).status()).isEqualTo(403);
        assertThat(anonymousApi().put(path, meeting(List.of())).status()).isEqualTo(401);
        assertThat(api.put(path, meeting(List.of())).status()).isEqualTo(200);
        assertThat(viewer.get(path).status()).isEqualTo(200);
        assertThat(viewer.get("/api/v1/postmortems/" + pm.id() + "/review-meeting.ics")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void theFormFragmentPlansTheMeeting() {
        String author = responder();
        Postmortem pm = draft(author);
        WebSession web = WebSession.loggedIn(baseUrl(), author, "password-" + author);
        String path = "/postmortems/" + pm.id() + "/review-meeting";

        var empty = web.get(path);
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.body()).contains("id=\"review-meeting\"").contains("No review meeting planned yet");

        var bad = web.postHtmx(path, Map.of("startsAt", "2026-05-01T10:00", "attendees", unique("ghost")));
        assertThat(bad.status()).isEqualTo(200);
        // the field by its label, not its name in the API
        assertThat(bad.body()).contains("Attendees (usernames, comma separated): no user named");

        var saved = web.postHtmx(
                path,
                Map.of(
                        "startsAt", "2026-05-01T10:00",
                        "durationMinutes", "30",
                        "location", "Room 2",
                        "attendees", author + ", guest@partner.example.test"));
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.body()).contains("2026-05-01 10:00").contains("Room 2").contains("review-meeting.ics");
        var ics = apiAs(author).get("/api/v1/postmortems/" + pm.id() + "/review-meeting.ics");
        assertThat(ics.body()).contains("DTSTART:20260501T100000Z").contains("DTEND:20260501T103000Z");

        String viewer = unique("viewer");
        createUser(viewer, Role.VIEWER, "password-" + viewer);
        WebSession viewerWeb = WebSession.loggedIn(baseUrl(), viewer, "password-" + viewer);
        var read = viewerWeb.get(path);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).contains("Room 2").doesNotContain("<form");
        assertThat(viewerWeb
                        .postHtmx(path, Map.of("startsAt", "2026-05-02T10:00"))
                        .status())
                .isEqualTo(403);
    }

    private static void assertField(ApiClient.Response r, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("field").asString()).as(r.body()).isEqualTo(field);
    }
}
