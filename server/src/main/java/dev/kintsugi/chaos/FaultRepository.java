package dev.kintsugi.chaos;

import static dev.kintsugi.chaos.Columns.cut;
import static dev.kintsugi.platform.Sql.instant;
import static dev.kintsugi.platform.Sql.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The chaos tables of the fault journal (V50, V52) and the kill switch. Services are referred to by id: nothing here reads the catalog's tables. */
@Repository
class FaultRepository {
    private final JdbcClient jdbc;

    FaultRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---- faults ----

    long insertFault(
            long runId,
            String kind,
            String apiUrl,
            String proxy,
            String toxic,
            String description,
            Instant now,
            String key,
            String record) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into chaos_fault (run_id, kind, api_url, proxy, toxic, description, status, journaled_at,
                            fault_key, record)
                        values (?, ?, ?, ?, ?, ?, 'INJECTING', ?, ?, ?)""")
                .params(
                        runId,
                        cut(kind, 40),
                        cut(apiUrl, 2000),
                        cut(proxy, 200),
                        cut(toxic, 200),
                        cut(description, 500),
                        ts(now),
                        cut(key, 1000),
                        record)
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    void faultLease(long id, Instant leaseUntil) {
        jdbc.sql("update chaos_fault set lease_until = ? where id = ?")
                .params(ts(leaseUntil), id)
                .update();
    }

    void faultError(long id, String error) {
        jdbc.sql("update chaos_fault set error = ? where id = ?")
                .params(cut(error, 1000), id)
                .update();
    }

    /** The engine's record of a fault (null for rows journaled before V52). */
    Optional<String> faultRecord(long id) {
        return jdbc.sql("select record from chaos_fault where id = ? and record is not null")
                .param(id)
                .query(String.class)
                .optional();
    }

    void faultInPlace(long id, Instant leaseUntil) {
        jdbc.sql("update chaos_fault set status = 'IN_PLACE', lease_until = ? where id = ? and status = 'INJECTING'")
                .params(ts(leaseUntil), id)
                .update();
    }

    /** Marks a fault reverted or failed; 0 rows when it was no longer in place (someone else reverted it). */
    int faultReverted(long id, boolean ok, String error, Instant at) {
        return jdbc.sql("""
                        update chaos_fault set status = ?, reverted_at = ?, error = ?
                        where id = ? and status in ('INJECTING', 'IN_PLACE', 'REVERT_FAILED')""")
                .params(ok ? "REVERTED" : "REVERT_FAILED", ok ? ts(at) : null, cut(error, 1000), id)
                .update();
    }

    int resolveFault(long id, String by, Instant at) {
        return jdbc.sql("""
                        update chaos_fault set status = 'RESOLVED', resolved_by = ?, reverted_at = ?
                        where id = ? and status = 'REVERT_FAILED'""").params(by, ts(at), id).update();
    }

    private static final String FAULT_SELECT = "select * from chaos_fault";

    List<FaultView> faultsOf(long runId) {
        return jdbc.sql(FAULT_SELECT + " where run_id = ? order by id")
                .param(runId)
                .query(FaultRepository::fault)
                .list();
    }

    Optional<FaultView> fault(long id) {
        return jdbc.sql(FAULT_SELECT + " where id = ?")
                .param(id)
                .query(FaultRepository::fault)
                .optional();
    }

    List<FaultView> faultsWithStatus(FaultStatus... statuses) {
        return jdbc.sql(FAULT_SELECT + " where status in (:s) order by id")
                .param("s", Arrays.stream(statuses).map(Enum::name).toList())
                .query(FaultRepository::fault)
                .list();
    }

    private static FaultView fault(ResultSet rs, int n) throws SQLException {
        return new FaultView(
                rs.getLong("id"),
                rs.getLong("run_id"),
                rs.getString("kind"),
                rs.getString("api_url"),
                rs.getString("proxy"),
                rs.getString("toxic"),
                rs.getString("description"),
                FaultStatus.valueOf(rs.getString("status")),
                instant(rs, "journaled_at"),
                instant(rs, "lease_until"),
                instant(rs, "reverted_at"),
                rs.getString("error"));
    }

    // ---- kill switch ----

    KillSwitchState killSwitch() {
        return jdbc.sql("select * from chaos_kill_switch where id = 1")
                .query((rs, n) -> new KillSwitchState(
                        rs.getBoolean("engaged"),
                        rs.getString("changed_by"),
                        instant(rs, "changed_at"),
                        rs.getString("reason"),
                        rs.getLong("version")))
                .single();
    }

    int setKillSwitch(boolean engaged, String by, String reason, Instant at, long version) {
        return jdbc.sql("""
                        update chaos_kill_switch set engaged = ?, changed_by = ?, reason = ?, changed_at = ?,
                            version = version + 1 where id = 1 and version = ?""").params(engaged, by, reason, ts(at), version).update();
    }
}
