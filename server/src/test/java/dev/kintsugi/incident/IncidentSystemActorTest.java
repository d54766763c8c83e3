package dev.kintsugi.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AuditEntry;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.AuditQuery;
import dev.kintsugi.platform.Role;
import dev.kintsugi.support.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Work no person asked for must say so: a facade called with nobody authenticated is refused, unless the caller
 * acts as the system, whose changes are audited with the reason it gave.
 */
class IncidentSystemActorTest extends IntegrationTest {
    @Autowired
    IncidentManagement incidents;

    @Autowired
    AuditLog audit;

    @Autowired
    TransactionTemplate plainTx;

    private static DeclareIncident declaration(String title) {
        return new DeclareIncident(title, null, Severity.SEV4, List.of(), null, null, false, null, null);
    }

    @Test
    void anAnonymousCallIsRefusedAndWritesNothing() {
        SecurityContextHolder.clearContext();
        long before = Actor.runAsSystem("count", () -> plainTx.execute(s -> incidents.count()));

        assertThatThrownBy(() -> plainTx.execute(s -> incidents.declare(declaration("Nobody asked"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("runAsSystem");
        assertThatThrownBy(() -> plainTx.execute(s -> incidents.search(IncidentQuery.all(0, 5))))
                .isInstanceOf(IllegalStateException.class);
        long after = Actor.runAsSystem("count", () -> plainTx.execute(s -> incidents.count()));
        assertThat(after).isEqualTo(before);
    }

    @Test
    void theSystemActsWithItsReasonInTheAuditLog() {
        String reason = unique("alert routing rule");
        IncidentView view = Actor.runAsSystem(
                reason, () -> plainTx.execute(s -> incidents.declare(declaration("Opened by a rule"))));

        assertThat(view.declaredBy()).isEqualTo(Actor.SYSTEM);
        assertThat(view.participants()).doesNotContain(Actor.SYSTEM);
        List<AuditEntry> entries = Actor.runAs(
                "auditor",
                Role.ADMIN,
                () -> plainTx.execute(s -> audit.search(
                                new AuditQuery(null, "incident.declared", "incident", view.key(), null, null), 0, 10)
                        .items()));
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo(Actor.SYSTEM);
            assertThat(e.summary()).contains("[as system: " + reason + "]");
        });
        assertThat(Actor.isSystem())
                .as("the previous (empty) context is restored")
                .isFalse();
    }

    @Test
    void theSystemSeesPrivateIncidents() {
        String owner = createUser(unique("owner"), Role.RESPONDER, "password-owner-1");
        IncidentView secret = Actor.runAs(
                owner,
                Role.RESPONDER,
                () -> plainTx.execute(s -> incidents.declare(
                        new DeclareIncident("Secret", null, Severity.SEV3, List.of(), null, null, true, null, null))));

        assertThat(Actor.runAsSystem(
                        "check",
                        () -> plainTx.execute(s -> incidents.get(secret.key())).title()))
                .isEqualTo("Secret");
    }
}
