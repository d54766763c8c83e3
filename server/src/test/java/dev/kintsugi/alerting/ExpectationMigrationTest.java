package dev.kintsugi.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * V67 keeps the expected groups of before: a group expected from a chaos run (expected_run_id) becomes kind
 * {@code chaos-run} with the run as reference, its starter as owner and the run's start, on a database migrated
 * as the product's are (out of order, V66 before the later on-call tables on a new one).
 */
class ExpectationMigrationTest {
    @Test
    void chaosRunGroupsBecomeExpectationsOfKindChaosRun() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:v67-" + System.nanoTime()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration")
                .outOfOrder(true)
                .target("66")
                .load()
                .migrate();
        JdbcClient jdbc = JdbcClient.create(ds);
        Timestamp t = Timestamp.from(Instant.parse("2026-11-30T10:00:00Z"));
        Timestamp runStart = Timestamp.from(Instant.parse("2026-11-30T09:55:00Z"));
        jdbc.sql("""
                        insert into alerting_integration (id, name, source_type, key_hash, key_hint, routing, created_by,
                            created_at) values (1, 'am', 'ALERTMANAGER', 'h', 'abcd', 'NOTIFY_ONLY', 'ann', ?)""").param(t).update();
        jdbc.sql("""
                        insert into alerting_chaos_run (run_id, experiment_id, started_by, service_ids, started_at)
                        values (12, 3, 'ann', '5', ?)""").param(runStart).update();
        for (Object[] g : new Object[][] {{1, 12L, "ann"}, {2, 99L, "bob"}, {3, null, null}}) {
            jdbc.sql("""
                            insert into alerting_group (id, integration_id, dedup_key, status, title, severity,
                                service_ids, team_ids, labels, first_at, last_at, repeat_count, state_changes,
                                expected_run_id, expected_by)
                            values (?, 1, ?, 'TRIGGERED', 't', 'SEV3', '5', '', '{}', ?, ?, 1, '[]', ?, ?)""").params(g[0], "k" + g[0], t, t, g[1], g[2]).update();
        }

        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration")
                .outOfOrder(true)
                .load()
                .migrate();

        var rows = jdbc.sql("""
                        select id, expected_kind, expected_reference, expected_by, expected_started_at
                        from alerting_group order by id""").query().listOfRows();
        assertThat(rows.get(0))
                .containsEntry("expected_kind", "chaos-run")
                .containsEntry("expected_reference", 12L)
                .containsEntry("expected_by", "ann");
        assertThat(instant(rows.get(0).get("expected_started_at"))).isEqualTo(runStart.toInstant());
        // a run alerting had forgotten: kind and reference kept, the start unknown (read as the first alert)
        assertThat(rows.get(1)).containsEntry("expected_kind", "chaos-run").containsEntry("expected_reference", 99L);
        assertThat(rows.get(1).get("expected_started_at")).isNull();
        assertThat(rows.get(2)).containsEntry("expected_kind", null);
        assertThat(jdbc.sql("select count(*) from information_schema.columns where table_name = 'alerting_group'"
                                + " and column_name = 'expected_run_id'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private static Instant instant(Object o) {
        if (o instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (o instanceof Timestamp ts) {
            return ts.toInstant();
        }
        return Instant.parse(String.valueOf(o));
    }
}
