package dev.kintsugi.platform.cluster;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes appended changes: just before the caller's transaction commits (so a rolled-back transaction takes no id,
 * and a taken id stays invisible only for as long as a commit takes), at once without a transaction, after it in a
 * transaction of their own when it was read-only. On PostgreSQL it also issues {@code NOTIFY kintsugi_changes}, which
 * PostgreSQL delivers once (and only if) the transaction commits; this instance's follower is woken after commit.
 */
final class ChangeAppender {
    private final ChangeLog changeLog;
    private final JdbcClient jdbc;
    private final TransactionTemplate separate;
    private final String origin;
    private final Runnable wake;

    ChangeAppender(
            ChangeLog changeLog,
            JdbcClient jdbc,
            PlatformTransactionManager transactions,
            String origin,
            Runnable wake) {
        this.changeLog = changeLog;
        this.jdbc = jdbc;
        this.separate = new TransactionTemplate(transactions);
        separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.origin = origin;
        this.wake = wake;
    }

    void append(ChangeLog.Entry entry, boolean postgres) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()
                || !TransactionSynchronizationManager.isSynchronizationActive()) {
            write(List.of(entry), postgres);
            wake.run();
            return;
        }
        for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
            if (s instanceof Pending pending && pending.owner == this) {
                pending.entries.add(entry);
                return;
            }
        }
        Pending pending = new Pending(this, TransactionSynchronizationManager.isCurrentTransactionReadOnly(), postgres);
        pending.entries.add(entry);
        TransactionSynchronizationManager.registerSynchronization(pending);
    }

    /** The changes one transaction appended, written just before it commits. */
    private static final class Pending implements TransactionSynchronization {
        final ChangeAppender owner;
        final boolean readOnly;
        final boolean postgres;
        final List<ChangeLog.Entry> entries = new ArrayList<>();

        Pending(ChangeAppender owner, boolean readOnly, boolean postgres) {
            this.owner = owner;
            this.readOnly = readOnly;
            this.postgres = postgres;
        }

        @Override
        public void beforeCommit(boolean readOnlyCommit) {
            if (!readOnly && !readOnlyCommit) {
                owner.write(entries, postgres);
            }
        }

        @Override
        public void afterCommit() {
            if (readOnly) {
                // a read-only transaction cannot insert: its changes go in a transaction of their own once it is done
                owner.separate.executeWithoutResult(s -> owner.write(entries, postgres));
            }
            owner.wake.run();
        }
    }

    private void write(List<ChangeLog.Entry> entries, boolean postgres) {
        for (ChangeLog.Entry e : entries) {
            changeLog.insert(e, origin);
        }
        if (postgres) {
            // delivered by PostgreSQL when (and only if) the surrounding transaction commits
            jdbc.sql("notify " + DatabaseClusterChanges.CHANNEL).update();
        }
    }
}
