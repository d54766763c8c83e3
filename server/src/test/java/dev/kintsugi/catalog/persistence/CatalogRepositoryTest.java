package dev.kintsugi.catalog.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.catalog.Team;
import dev.kintsugi.catalog.Tier;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The catalog tables in a JDBC slice: the real migrations on the test database (H2 in PostgreSQL mode, or
 * PostgreSQL when KINTSUGI_TEST_DB_URL is set), no web layer, each test rolled back.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ActiveProfiles("test")
@Import(CatalogRepository.class)
class CatalogRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-03-29T00:30:00Z");

    @Autowired
    CatalogRepository repository;

    @Test
    void anArchivedTeamLeavesListsAndNameLookUpsButKeepsItsNameAndStaysReachableById() {
        String name = "repo-team-" + System.nanoTime();
        long id = repository.insertTeam(name, "Repo team", null, "#repo", T0);
        assertThat(repository.teamIdByName(name)).contains(id);
        assertThat(repository.teamNameArchived(name)).contains(false);
        assertThat(repository.findTeams()).extracting(Team::name).contains(name);

        repository.archiveTeam(id, T0.plusSeconds(60));

        assertThat(repository.teamIdByName(name)).isEmpty();
        assertThat(repository.teamNameArchived(name))
                .as("the name stays reserved")
                .contains(true);
        assertThat(repository.findTeams()).extracting(Team::name).doesNotContain(name);
        assertThat(repository.findTeam(id)).hasValueSatisfying(t -> {
            assertThat(t.displayName()).isEqualTo("Repo team");
            assertThat(t.createdAt()).isEqualTo(T0);
        });
        assertThat(repository.teamNameArchived("never-" + name)).isEmpty();
    }

    @Test
    void membersAreReplacedAsAWholeAndAServiceKeepsItsOwnerAndTier() {
        String team = "repo-owner-" + System.nanoTime();
        long teamId = repository.insertTeam(team, "Owner", null, null, T0);
        repository.replaceMembers(teamId, List.of("alice", "bob"));
        repository.replaceMembers(teamId, List.of("carol"));
        assertThat(repository.findTeam(teamId).orElseThrow().members()).containsExactly("carol");

        String name = "repo-svc-" + System.nanoTime();
        long id = repository.insertService(
                name, "Svc", "Markdown *here*", Tier.TIER_1, teamId, "https://runbooks.example.test/x", null, null, T0);
        CatalogService service = repository.findService(id).orElseThrow();
        assertThat(service.tier()).isEqualTo(Tier.TIER_1);
        assertThat(service.ownerTeamId()).isEqualTo(teamId);
        assertThat(repository.serviceIdByName(name)).contains(id);

        repository.archiveService(id, T0.plusSeconds(1));
        assertThat(repository.findService(id)).isEmpty();
        assertThat(repository.findServiceIncludingArchived(id)).isPresent();
        assertThat(repository.serviceNameArchived(name)).contains(true);
        assertThat(repository.findServices()).extracting(CatalogService::name).doesNotContain(name);
    }
}
