package dev.kintsugi.postmortem.persistence;

import dev.kintsugi.postmortem.ReviewMeeting;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code postmortem_review_meeting} table; attendees are stored one a line. */
@Repository
public class ReviewMeetingRepository {
    private final JdbcClient jdbc;

    public ReviewMeetingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ReviewMeeting> find(long postmortemId) {
        return jdbc.sql("select * from postmortem_review_meeting where postmortem_id = ?")
                .param(postmortemId)
                .query((rs, n) -> {
                    String a = rs.getString("attendees");
                    List<String> attendees = a == null || a.isBlank()
                            ? List.of()
                            : Arrays.stream(a.split("\n"))
                                    .filter(s -> !s.isBlank())
                                    .toList();
                    return new ReviewMeeting(
                            rs.getLong("postmortem_id"),
                            dev.kintsugi.platform.Sql.instant(rs, "starts_at"),
                            rs.getInt("duration_minutes"),
                            rs.getString("location"),
                            attendees,
                            rs.getString("notes"),
                            rs.getInt("version"));
                })
                .optional();
    }

    /**
     * Stores the meeting: a new one, or a change of the one at {@code m.version()} (its version grows). Answers
     * false when someone changed or planned it meanwhile, writing nothing.
     */
    public boolean save(ReviewMeeting m, boolean exists) {
        if (exists) {
            return jdbc.sql("""
                                    update postmortem_review_meeting set starts_at = ?, duration_minutes = ?, location = ?,
                                        attendees = ?, notes = ?, version = version + 1
                                    where postmortem_id = ? and version = ?""")
                            .params(
                                    Timestamp.from(m.startsAt()),
                                    m.durationMinutes(),
                                    m.location(),
                                    String.join("\n", m.attendees()),
                                    m.notes(),
                                    m.postmortemId(),
                                    m.version())
                            .update()
                    == 1;
        }
        try {
            jdbc.sql("""
                            insert into postmortem_review_meeting (postmortem_id, starts_at, duration_minutes, location,
                                attendees, notes) values (?, ?, ?, ?, ?, ?)""")
                    .params(
                            m.postmortemId(),
                            Timestamp.from(m.startsAt()),
                            m.durationMinutes(),
                            m.location(),
                            String.join("\n", m.attendees()),
                            m.notes())
                    .update();
            return true;
        } catch (org.springframework.dao.DuplicateKeyException e) {
            return false;
        }
    }
}
