package dev.kintsugi.gameday;

import static dev.kintsugi.platform.Sql.instant;
import static dev.kintsugi.platform.Sql.ts;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The scenario backlog's tables (V75): ideas and one vote per person per idea. */
@Repository
class GameDayIdeaRepository {
    private final JdbcClient jdbc;

    GameDayIdeaRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insertIdea(String title, String description, String by, Instant at) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into gameday_idea (title, description, proposed_by, proposed_at) values (?, ?, ?, ?)")
                .params(title, description, by, ts(at))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    boolean ideaExists(long id) {
        return jdbc.sql("select count(*) from gameday_idea where id = ?")
                        .params(id)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** One vote per user per idea: false when this user had voted already. */
    boolean vote(long ideaId, String username) {
        return jdbc.sql("""
                                insert into gameday_idea_vote (idea_id, username)
                                select ?, ? from (values (1)) v(x)
                                where not exists (select 1 from gameday_idea_vote where idea_id = ? and username = ?)""").params(ideaId, username, ideaId, username).update() == 1;
    }

    List<IdeaView> ideas(String viewer) {
        return jdbc.sql("""
                        select i.id, i.title, i.description, i.proposed_by, i.proposed_at,
                            (select count(*) from gameday_idea_vote v where v.idea_id = i.id) votes,
                            (select count(*) from gameday_idea_vote v where v.idea_id = i.id and v.username = ?) mine
                        from gameday_idea i order by votes desc, i.id""")
                .params(viewer)
                .query((rs, n) -> new IdeaView(
                        rs.getLong("id"),
                        rs.getString("title"),
                        rs.getString("description"),
                        rs.getString("proposed_by"),
                        instant(rs, "proposed_at"),
                        rs.getInt("votes"),
                        rs.getInt("mine") > 0))
                .list();
    }
}
