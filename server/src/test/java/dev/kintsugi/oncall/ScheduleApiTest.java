package dev.kintsugi.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.platform.Role;
import dev.kintsugi.support.ApiClient;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Schedules through the real API: who is on call, overrides, and the secret iCalendar feed. */
class ScheduleApiTest extends OnCallFixtures {
    @Autowired
    Clock clock;

    @Autowired
    Schedules schedules;

    @Test
    void theFeedParsedByIcal4jMatchesWhoIsOnCallForEveryHourOfAMonth() throws Exception {
        Crew crew = crew(2);
        String name = unique("sched");
        var created = schedule(
                crew,
                name,
                "Europe/Paris",
                List.of(
                        rotation("week", 0, crew.people(), "2026-01-05T09:00:00", "WEEKS", 1),
                        Map.of(
                                "key",
                                "day",
                                "layer",
                                1,
                                "participants",
                                List.of(crew.people().get(1)),
                                "start",
                                "2026-01-05T00:00:00",
                                "unit",
                                "DAYS",
                                "length",
                                1,
                                "restrictDays",
                                List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"),
                                "restrictFrom",
                                "09:00",
                                "restrictTo",
                                "18:00")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String feedUrl = created.json().get("feedUrl").asString();
        String path = URI.create(feedUrl).getPath();

        // a period override inside the month, so the feed has to show it too
        Instant now = clock.instant().truncatedTo(ChronoUnit.HOURS);
        var cover = crew.api()
                .post(
                        "/api/v1/oncall/schedules/" + name + "/overrides",
                        Map.of(
                                "kind",
                                "COVER",
                                "coveringUser",
                                crew.people().get(2),
                                "start",
                                now.plus(Duration.ofDays(3)).toString(),
                                "end",
                                now.plus(Duration.ofDays(3).plusHours(5)).toString()));
        assertThat(cover.status()).as(cover.toString()).isEqualTo(201);

        HttpResponse<String> feed = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(baseUrl() + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(feed.statusCode())
                .as("no session needed: the secret is the credential")
                .isEqualTo(200);
        assertThat(feed.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/calendar");
        Calendar calendar = new CalendarBuilder().build(new StringReader(feed.body()));
        List<VEvent> events = calendar.getComponents("VEVENT");
        assertThat(events).isNotEmpty();

        Schedule s = schedules.get(name);
        for (int h = 0; h < 24 * 30; h++) {
            Instant t = now.plus(Duration.ofHours(h)).plusSeconds(1);
            TreeSet<String> inFeed = new TreeSet<>();
            for (VEvent e : events) {
                Instant start = instant(e, Property.DTSTART);
                Instant end = instant(e, Property.DTEND);
                if (!t.isBefore(start) && t.isBefore(end)) {
                    String summary =
                            e.getProperty(Property.SUMMARY).orElseThrow().getValue();
                    inFeed.add(summary.substring("On call: ".length(), summary.indexOf(" (")));
                }
            }
            TreeSet<String> onCall = new TreeSet<>();
            tx.execute(x -> schedules.onCallAt(s, t)).forEach(o -> onCall.add(o.username()));
            assertThat(inFeed).as("at %s", t.atZone(ZoneId.of("Europe/Paris"))).isEqualTo(onCall);
        }

        // the API answers the same for one of those hours
        JsonNode at = crew.api()
                .get("/api/v1/oncall/schedules/" + name + "/on-call?at="
                        + now.plus(Duration.ofDays(3)).plusSeconds(60))
                .json();
        assertThat(at.get("onCall").get(0).get("username").asString())
                .isEqualTo(crew.people().get(2));

        // a wrong secret, and the old secret after rotation, open nothing
        assertThat(get(path.replace(".ics", "x.ics"))).isEqualTo(404);
        assertThat(crew.api()
                        .post("/api/v1/oncall/schedules/" + name + "/feed-rotation", null)
                        .status())
                .isEqualTo(200);
        assertThat(get(path)).isEqualTo(404);
    }

    @Test
    void takingAndSwappingTurnsInTwoClicksAndOnlyForTheTeam() {
        Crew crew = crew(1);
        String ann = crew.people().get(0);
        String bob = crew.people().get(1);
        String name = unique("sched");
        Instant monday = clock.instant().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1));
        String start = monday.atZone(ZoneId.of("UTC")).toLocalDateTime().toString();
        assertThat(schedule(crew, name, "UTC", List.of(rotation("r", 0, List.of(ann, bob), start, "DAYS", 1)))
                        .status())
                .isEqualTo(201);
        Instant day0 = monday.plus(Duration.ofHours(12));
        Instant day1 = day0.plus(Duration.ofDays(1));
        assertThat(onCall(crew.api(), name, day0)).isEqualTo(ann);
        assertThat(onCall(crew.api(), name, day1)).isEqualTo(bob);

        // ann (the caller) swaps her day 0 with bob's day 1
        var swap = crew.api()
                .post(
                        "/api/v1/oncall/schedules/" + name + "/overrides",
                        Map.of(
                                "kind",
                                "SWAP",
                                "rotation",
                                "r",
                                "shiftAt",
                                day0.toString(),
                                "theirsAt",
                                day1.toString()));
        assertThat(swap.status()).as(swap.toString()).isEqualTo(201);
        assertThat(onCall(crew.api(), name, day0)).isEqualTo(bob);
        assertThat(onCall(crew.api(), name, day1)).isEqualTo(ann);

        // someone outside the team may read but not take
        ApiClient outsider = apiAs(Role.RESPONDER);
        assertThat(outsider.get("/api/v1/oncall/schedules/" + name).status()).isEqualTo(200);
        var refused = outsider.post(
                "/api/v1/oncall/schedules/" + name + "/overrides",
                Map.of(
                        "kind",
                        "TAKE",
                        "rotation",
                        "r",
                        "shiftAt",
                        day0.plus(Duration.ofDays(2)).toString()));
        assertThat(refused.status()).isEqualTo(403);

        // removing one half of the swap removes both
        long id = swap.json().get(0).get("id").asLong();
        assertThat(crew.api()
                        .delete("/api/v1/oncall/schedules/" + name + "/overrides/" + id)
                        .status())
                .isEqualTo(204);
        assertThat(onCall(crew.api(), name, day0)).isEqualTo(ann);
        assertThat(crew.api()
                        .get("/api/v1/oncall/schedules/" + name + "/overrides")
                        .json())
                .isEmpty();
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        Crew crew = crew(0);
        String name = unique("sched");
        var created =
                schedule(crew, name, "UTC", List.of(rotation("r", 0, crew.people(), "2026-01-01T09:00:00", "DAYS", 1)));
        assertThat(created.status()).isEqualTo(201);
        var bad = schedule(crew, unique("sched"), "Mars/Olympus", List.of());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("timeZone");
        var unknown = schedule(
                crew,
                unique("sched"),
                "UTC",
                List.of(rotation("r", 0, List.of("nobody-" + name), "2026-01-01T09:00:00", "DAYS", 1)));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("participants");
    }

    private int get(String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(baseUrl() + path)).build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static String onCall(ApiClient api, String name, Instant at) {
        var r = api.get("/api/v1/oncall/schedules/" + name + "/on-call?at=" + at);
        List<String> who = new ArrayList<>();
        r.json().get("onCall").forEach(n -> who.add(n.get("username").asString()));
        assertThat(who).as(r.toString()).hasSize(1);
        return who.getFirst();
    }

    private static Instant instant(VEvent e, String property) {
        String v = e.getProperty(property).orElseThrow().getValue();
        return java.time.LocalDateTime.parse(v, java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"))
                .toInstant(java.time.ZoneOffset.UTC);
    }
}
