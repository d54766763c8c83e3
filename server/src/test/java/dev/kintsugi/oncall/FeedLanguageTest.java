package dev.kintsugi.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.platform.UserManagement;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The language of the feeds' summaries, read back with ical4j: {@code ?lang=} on the URL chooses it; without it a
 * schedule's feed is in the server's default language and a person's in their profile's; another language is 400.
 */
class FeedLanguageTest extends OnCallFixtures {
    @Autowired
    Clock clock;

    @Test
    void theFeedUrlCarriesTheLanguageOfItsSummaries() throws Exception {
        Crew crew = crew(0);
        String ann = crew.lead();
        String name = unique("sched");
        var created = schedule(
                crew,
                name,
                "UTC",
                List.of(rotation("r", 0, List.of(ann), dayBefore(clock.instant(), ChronoUnit.HOURS), "DAYS", 1)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String path = URI.create(created.json().get("feedUrl").asString()).getPath();

        assertThat(summaries(path)).isNotEmpty().allMatch(s -> s.startsWith("On call: " + ann));
        assertThat(summaries(path + "?lang=fr")).isNotEmpty().allMatch(s -> s.startsWith("D’astreinte"));
        assertThat(summaries(path + "?lang=en")).isNotEmpty().allMatch(s -> s.startsWith("On call: "));
        assertThat(status(path + "?lang=de")).isEqualTo(400);

        // a person's feed follows their profile's language, unless the URL names another
        tx.executeWithoutResult(
                s -> users.updateProfile(ann, new UserManagement.ProfileChange(null, null, null, "fr")));
        String mine = URI.create(crew.api()
                        .get("/api/v1/oncall/me/feed")
                        .json()
                        .get("url")
                        .asString())
                .getPath();
        assertThat(summaries(mine)).isNotEmpty().allMatch(s -> s.startsWith("D’astreinte"));
        assertThat(summaries(mine + "?lang=en")).isNotEmpty().allMatch(s -> s.startsWith("On call: "));
    }

    private List<String> summaries(String pathAndQuery) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(baseUrl() + pathAndQuery))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(pathAndQuery + " " + r.body()).isEqualTo(200);
        List<VEvent> events =
                new CalendarBuilder().build(new StringReader(r.body())).getComponents("VEVENT");
        return events.stream()
                .map(e -> e.getProperty(Property.SUMMARY).orElseThrow().getValue())
                .toList();
    }

    private int status(String pathAndQuery) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(baseUrl() + pathAndQuery))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
