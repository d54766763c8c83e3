package dev.kintsugi.incident.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.IncidentQuery;
import dev.kintsugi.incident.IncidentStatus;
import dev.kintsugi.incident.IncidentSummary;
import dev.kintsugi.incident.IncidentView;
import dev.kintsugi.incident.Milestone;
import dev.kintsugi.incident.Severity;
import dev.kintsugi.incident.TimelineEntry;
import dev.kintsugi.incident.TimelineEntryKind;
import dev.kintsugi.incident.TimelineMessage;
import dev.kintsugi.platform.Role;
import dev.kintsugi.platform.UserManagement;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The demo data on its own in-memory H2 database (also when the suite runs on PostgreSQL: the demo must not
 * pollute the shared test database). This is a second application context; keep it to this one class.
 */
@SpringBootTest(
        properties = {
            "kintsugi.demo=true",
            "spring.datasource.url=jdbc:h2:mem:demo-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                    + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "spring.datasource.username=sa",
            "spring.datasource.password=",
            "kintsugi.admin-token=" + DemoDataTest.PROVISIONED_TOKEN
        })
@ActiveProfiles("test")
@AutoConfigureMockMvc
class DemoDataTest {
    static final String PROVISIONED_TOKEN = "kts_provisioned-for-automation-0123456789";

    @Autowired
    dev.kintsugi.platform.ApiTokens tokens;

    @Test
    void kintsugiAdminTokenProvisionsAnAdminApiToken() {
        var owner = tokens.authenticate(PROVISIONED_TOKEN);
        assertThat(owner).isPresent();
        assertThat(owner.get().role()).isEqualTo(Role.ADMIN);
        assertThat(tokens.authenticate(PROVISIONED_TOKEN + "x")).isEmpty();
    }

    @Autowired
    DemoData demo;

    @Autowired
    MockMvc mvc;

    @Test
    void theLoginPageShowsTheDemoAccountsAtEveryStart() throws Exception {
        demo.run(new DefaultApplicationArguments()); // a restart: nothing is seeded, the logins are still announced
        String page = mvc.perform(get("/login")).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"demo-logins\"", DemoOrganisation.PASSWORD);
        for (DemoOrganisation.Person p : DemoOrganisation.PEOPLE) {
            assertThat(page).contains(p.username(), p.displayName());
        }
    }

    @Autowired
    UserManagement users;

    @Autowired
    CatalogManagement catalog;

    @Autowired
    IncidentManagement incidents;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    javax.sql.DataSource dataSource;

    @Test
    void seedsABelievableOrganisationAndAYearOfIncidents() {
        dev.kintsugi.platform.Actor.runAsSystem("check the demo data", this::checkTheDemoData);
    }

    private void checkTheDemoData() {
        assertThat(jdbcUrl())
                .as("runs on its own H2, never on the shared database")
                .startsWith("jdbc:h2:mem:demo-test");
        assertThat(users.list().stream().map(u -> u.role()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(Role.values());
        assertThat(users.list()).hasSizeGreaterThanOrEqualTo(9);
        assertThat(catalog.services()).hasSizeGreaterThanOrEqualTo(8);
        assertThat(catalog.teams()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(catalog.teams()).allSatisfy(t -> assertThat(t.members()).isNotEmpty());

        Instant now = Instant.now();
        List<IncidentSummary> all = incidents.search(IncidentQuery.all(0, 200)).items();
        assertThat(all).hasSizeGreaterThanOrEqualTo(42);
        assertThat(all).allSatisfy(i -> assertThat(i.declaredAt()).isBetween(now.minus(Duration.ofDays(366)), now));
        assertThat(all.stream().map(IncidentSummary::severity).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(Severity.values());
        assertThat(all.stream().filter(i -> i.severity() == Severity.SEV5).count())
                .isGreaterThan(
                        all.stream().filter(i -> i.severity() == Severity.SEV1).count());

        List<IncidentSummary> open =
                all.stream().filter(i -> i.status().isOpen()).toList();
        assertThat(open)
                .extracting(IncidentSummary::status)
                .containsExactlyInAnyOrder(IncidentStatus.IDENTIFIED, IncidentStatus.INVESTIGATING);

        for (IncidentSummary s : all) {
            IncidentView incident = incidents.get(s.key());
            List<TimelineEntry> timeline = incidents.timeline(s.key());
            assertThat(incident.role(dev.kintsugi.incident.IncidentRole.COMMANDER))
                    .as(s.key())
                    .isNotNull();
            assertThat(incident.milestone(Milestone.ACKNOWLEDGED)).as(s.key()).isNotNull();
            assertThat(incident.milestone(Milestone.IMPACT_STARTED))
                    .as(s.key())
                    .isBefore(incident.milestone(Milestone.DETECTED));
            assertThat(timeline)
                    .as(s.key())
                    .filteredOn(e -> e.kind() == TimelineEntryKind.NOTE)
                    .hasSizeGreaterThanOrEqualTo(1)
                    .allSatisfy(e -> assertThat(e.occurredAt()).isBefore(now));
            assertThat(timeline)
                    .as(s.key())
                    .allSatisfy(e -> assertThat(e.recordedAt()).isBefore(now));
            assertThat(timeline.stream().map(TimelineEntry::author).collect(Collectors.toSet()))
                    .as(s.key())
                    .hasSizeGreaterThanOrEqualTo(2)
                    .doesNotContain("system");
            if (s.status() == IncidentStatus.CLOSED) {
                Instant resolved = incident.milestone(Milestone.RESOLVED);
                Instant closed = incident.milestone(Milestone.CLOSED);
                assertThat(resolved).as(s.key()).isNotNull().isAfter(incident.milestone(Milestone.DECLARED));
                assertThat(closed)
                        .as(s.key())
                        .isNotNull()
                        .isAfterOrEqualTo(resolved)
                        .isBefore(now);
                assertThat(timeline).as(s.key()).anyMatch(TimelineEntry::pinned);
                assertThat(timeline)
                        .as(s.key())
                        .filteredOn(e -> e.message() != null)
                        .extracting(e -> e.message().args().stream()
                                .map(TimelineMessage.Arg::value)
                                .toList())
                        .anyMatch(args -> args.contains("IDENTIFIED"))
                        .anyMatch(args -> args.contains("MONITORING"));
            }
        }
        Set<String> reasons = all.stream()
                .filter(s -> s.status() == IncidentStatus.CLOSED)
                .map(s -> incidents.get(s.key()).closureReason().name())
                .collect(Collectors.toSet());
        assertThat(reasons).contains("RESOLVED", "FALSE_POSITIVE", "DUPLICATE", "CANCELLED");
        assertThat(jdbc.sql("select count(*) from incident_timeline_entry where body like 'Reopened%'")
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        assertThat(EnumSet.copyOf(all.stream().map(IncidentSummary::status).toList()))
                .contains(IncidentStatus.CLOSED);

        // Post-mortems: published for the closed SEV1–SEV3 incidents, one left in draft and one in review.
        assertThat(jdbc.sql("select count(*) from postmortem where status = 'PUBLISHED'")
                        .query(Long.class)
                        .single())
                .isGreaterThanOrEqualTo(10);
        assertThat(jdbc.sql("select status from postmortem where status <> 'PUBLISHED'")
                        .query(String.class)
                        .list())
                .contains("DRAFT", "IN_REVIEW");
        // the demo's game day has a post-mortem of its own, with no incident
        assertThat(jdbc.sql("select count(*) from postmortem where incident_id is not null")
                        .query(Long.class)
                        .single())
                .as("every resolved incident got its draft, exactly one")
                .isEqualTo(jdbc.sql("select count(*) from incident where resolved_at is not null")
                        .query(Long.class)
                        .single());
        assertThat(all.stream()
                        .filter(i -> i.status() == IncidentStatus.RESOLVED)
                        .count())
                .isEqualTo(2);

        // Seeding again (a restart) adds nothing.
        long incidentsBefore = incidents.count();
        long entriesBefore = entries();
        int usersBefore = users.list().size();
        int servicesBefore = catalog.services().size();
        demo.run(new DefaultApplicationArguments());
        assertThat(incidents.count()).isEqualTo(incidentsBefore);
        assertThat(entries()).isEqualTo(entriesBefore);
        assertThat(users.list()).hasSize(usersBefore);
        // (the chaos demo shop adds its own services: compare with what there was)
        assertThat(catalog.services()).hasSize(servicesBefore);
        assertThat(catalog.services().stream().map(s -> s.name()))
                .containsAll(DemoOrganisation.SERVICES.stream()
                        .map(DemoOrganisation.ServiceSpec::name)
                        .toList());
    }

    private String jdbcUrl() {
        try (var connection = dataSource.getConnection()) {
            return connection.getMetaData().getURL();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long entries() {
        return jdbc.sql("select count(*) from incident_timeline_entry")
                .query(Long.class)
                .single();
    }
}
