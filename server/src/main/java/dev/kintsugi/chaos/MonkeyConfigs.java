package dev.kintsugi.chaos;

import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.chaos.monkey.NetflixConfig;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.Versions;
import dev.kintsugi.platform.calendar.Holidays;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Chaos Monkey's per-service configuration (behind {@link ChaosMonkey}): read, replaced whole, Netflix's fields
 * imported from its Spinnaker JSON, holidays added from an iCalendar file. Every change is checked by
 * {@link MonkeyRules}, guarded by the version read ({@code If-Match}) and audited. The callers check the role.
 */
@Component
class MonkeyConfigs {
    private final MonkeyRepository monkeyRows;
    private final MonkeyRules rules;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate tx;

    MonkeyConfigs(
            MonkeyRepository monkeyRows,
            MonkeyRules rules,
            AuditLog audit,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.monkeyRows = monkeyRows;
        this.rules = rules;
        this.audit = audit;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
    }

    /** The service's monkey (the defaults, version 0, when it never opted in). */
    MonkeySettings settings(CatalogService s) {
        return tx.execute(t -> monkeyRows.settings(s.id()).orElse(MonkeySettings.defaults(s.id())));
    }

    MonkeySettings configure(CatalogService s, MonkeySettings wanted, Long expectedVersion) {
        MonkeySettings next = rules.valid(wanted.withServiceAndVersion(s.id(), 0));
        return save(s, next, expectedVersion, "chaos.monkey.configured", "Configured the Chaos Monkey of ");
    }

    MonkeySettings importNetflix(CatalogService s, String json, Long expectedVersion) {
        NetflixConfig.Imported imported = NetflixConfig.parse(json);
        MonkeySettings next = rules.valid(settings(s).withNetflix(imported));
        return save(s, next, expectedVersion, "chaos.monkey.imported", "Imported Netflix's configuration into ");
    }

    MonkeySettings importHolidays(CatalogService s, String ics, Long expectedVersion) {
        int year = LocalDate.now(clock).getYear();
        SortedSet<LocalDate> days;
        try {
            days = Holidays.fromICalendar(ics == null ? "" : ics, year, year + 2);
        } catch (RuntimeException e) {
            throw new InvalidInputException(
                    "calendar", "chaos.monkey.error.ics", "not an iCalendar file: " + e.getMessage());
        }
        MonkeySettings before = settings(s);
        TreeSet<LocalDate> all = new TreeSet<>(before.holidays());
        all.addAll(days);
        MonkeySettings next = rules.valid(before.withHolidays(List.copyOf(all)));
        return save(s, next, expectedVersion, "chaos.monkey.holidays", "Imported holidays into ");
    }

    private MonkeySettings save(
            CatalogService s, MonkeySettings next, Long expectedVersion, String action, String summary) {
        Instant now = clock.instant();
        return tx.execute(t -> {
            MonkeySettings before = monkeyRows.settings(s.id()).orElse(null);
            long current = before == null ? 0 : before.version();
            Versions.require(expectedVersion, current, "Chaos Monkey of " + s.name());
            if (!monkeyRows.save(next, current, now)) {
                throw new ConflictException(
                        "chaos.monkey.error.changed",
                        "The Chaos Monkey of " + s.name() + " changed at the same time; try again",
                        Map.of());
            }
            MonkeySettings after = monkeyRows.settings(s.id()).orElseThrow();
            audit.record(action, "chaos-monkey", Long.toString(s.id()), summary + s.name(), before, after);
            return after;
        });
    }
}
