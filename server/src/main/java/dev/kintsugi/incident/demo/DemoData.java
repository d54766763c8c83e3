package dev.kintsugi.incident.demo;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.ServiceDraft;
import dev.kintsugi.catalog.TeamDraft;
import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AdjustableClock;
import dev.kintsugi.platform.DemoLogins;
import dev.kintsugi.platform.Role;
import dev.kintsugi.platform.UserManagement;
import dev.kintsugi.platform.UserManagement.NewUser;
import dev.kintsugi.platform.UserManagement.ProfileChange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demo data ({@code --kintsugi.demo=true}): a believable company with people, teams, services, a year of
 * incidents and two open ones. Everything goes through the ordinary facades, as the person who would have done
 * it, at the time it would have happened (through {@link AdjustableClock}), so timelines, milestones and the
 * audit log look like real history. Seeds only an empty incident table, so restarting keeps the data. Runs
 * before the platform's admin bootstrap, which then finds the demo {@code admin}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
@ConditionalOnProperty(name = "kintsugi.demo", havingValue = "true")
class DemoData implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final UserManagement users;
    private final CatalogManagement catalog;
    private final IncidentManagement incidents;
    private final AdjustableClock clock;
    private final TransactionTemplate tx;
    private final DemoLogins logins;

    DemoData(
            UserManagement users,
            CatalogManagement catalog,
            IncidentManagement incidents,
            AdjustableClock clock,
            TransactionTemplate tx,
            DemoLogins logins) {
        this.logins = logins;
        this.users = users;
        this.catalog = catalog;
        this.incidents = incidents;
        this.clock = clock;
        this.tx = tx;
    }

    @Override
    public void run(ApplicationArguments args) {
        Actor.runAsSystem("demo data: people, catalog and incident history", this::seed);
        announceLogins();
    }

    /**
     * At every start, not only the first: this is how a visitor gets in, and the login page shows the same list.
     * Demo passwords are not secrets.
     */
    private void announceLogins() {
        List<DemoLogins.Login> people = DemoOrganisation.PEOPLE.stream()
                .map(p -> new DemoLogins.Login(p.username(), p.displayName(), p.role()))
                .toList();
        logins.register(people, DemoOrganisation.PASSWORD);
        System.out.println("\n  Demo logins (password " + DemoOrganisation.PASSWORD + " for all): "
                + people.stream().map(p -> p.username() + " (" + p.role() + ")").collect(Collectors.joining(", "))
                + "\n");
    }

    private void seed() {
        if (tx.execute(s -> incidents.count()) > 0) {
            log.info("Demo data: the database already has incidents; nothing seeded");
            return;
        }
        long started = System.nanoTime();
        Instant now = clock.instant();
        // The organisation predates its incident history.
        Instant founded = now.minus(Duration.ofDays(400));
        List<String> created = new ArrayList<>();
        tx.executeWithoutResult(s -> clock.runAt(founded, () -> created.addAll(createPeople())));
        as("admin", Role.ADMIN, () -> tx.executeWithoutResult(s -> clock.runAt(founded, this::createCatalog)));
        DemoHistory history = new DemoHistory(incidents, catalog, users, clock, tx, this::as, now);
        int past = history.seedPast();
        history.seedOpen();
        log.info(
                "Demo data: {} people, {} teams, {} services, {} past and 2 open incidents in {} ms",
                created.size(),
                DemoOrganisation.TEAMS.size(),
                DemoOrganisation.SERVICES.size(),
                past,
                (System.nanoTime() - started) / 1_000_000);
    }

    /** Creates the demo people that do not exist yet; answers "username (ROLE)" for each one created. */
    private List<String> createPeople() {
        List<String> created = new ArrayList<>();
        for (DemoOrganisation.Person p : DemoOrganisation.PEOPLE) {
            if (users.exists(p.username())) {
                continue;
            }
            users.create(new NewUser(p.username(), p.displayName(), p.email(), p.role(), DemoOrganisation.PASSWORD));
            users.updateProfile(p.username(), new ProfileChange(null, null, p.timeZone(), p.locale()));
            created.add(p.username() + " (" + p.role() + ")");
        }
        return created;
    }

    private void createCatalog() {
        for (DemoOrganisation.TeamSpec t : DemoOrganisation.TEAMS) {
            if (catalog.findTeam(t.name()).isEmpty()) {
                List<String> members =
                        t.members().stream().filter(users::exists).collect(Collectors.toList());
                catalog.createTeam(new TeamDraft(t.name(), t.displayName(), t.description(), t.channel(), members));
            }
        }
        for (DemoOrganisation.ServiceSpec s : DemoOrganisation.SERVICES) {
            if (catalog.findService(s.name()).isEmpty()) {
                catalog.createService(new ServiceDraft(
                        s.name(),
                        s.displayName(),
                        s.description(),
                        s.tier(),
                        s.owner(),
                        s.runbookUrl(),
                        s.dashboardUrl(),
                        s.repositoryUrl()));
            }
        }
    }

    /** Runs {@code work} as {@code username} with {@code role}, then restores who was acting before. */
    void as(String username, Role role, Runnable work) {
        Actor.runAs(username, role, () -> {
            work.run();
            return null;
        });
    }

    /** How {@link DemoHistory} acts as someone. */
    @FunctionalInterface
    interface Acting {
        void as(String username, Role role, Runnable work);
    }
}
