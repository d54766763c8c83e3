package dev.kintsugi.search.generator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;

/** The batched inserts of incidents, post-mortems and what hangs off them, flushed parents first. */
final class HistoryStatements implements AutoCloseable {
    final PreparedStatement incident;
    final PreparedStatement incidentService;
    final PreparedStatement participant;
    final PreparedStatement timeline;
    final PreparedStatement postmortem;
    final PreparedStatement pmTag;
    final PreparedStatement pmService;
    final PreparedStatement pmParticipant;
    final PreparedStatement factor;
    final PreparedStatement decision;
    final PreparedStatement pmTimeline;
    final PreparedStatement revision;
    final PreparedStatement countermeasure;
    private final List<PreparedStatement> all;

    HistoryStatements(Connection c) throws SQLException {
        incident = c.prepareStatement("insert into incident (id, number, title, description, severity, status,"
                + " private_incident, closure_reason, commander, impact_started_at, detected_at, declared_at,"
                + " acknowledged_at, mitigated_at, resolved_at, closed_at, declared_by, updated_at, version)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)");
        incidentService = c.prepareStatement("insert into incident_service (incident_id, service_id) values (?, ?)");
        participant = c.prepareStatement(
                "insert into incident_participant (incident_id, username, joined_at) values (?, ?, ?)");
        timeline = c.prepareStatement("insert into incident_timeline_entry (id, incident_id, occurred_at,"
                + " recorded_at, author, kind, visibility, body, pinned) values (?, ?, ?, ?, ?, ?, 'INTERNAL', ?,"
                + " false)");
        postmortem = c.prepareStatement("insert into postmortem (incident_id, origin, title, status, severity,"
                + " scheduled, private_review, facilitator, owner, summary, customer_impact, went_well, was_hard,"
                + " got_lucky, detection, revision, published_revision, created_by, created_at, updated_at,"
                + " published_at, version, id) values (?, ?, ?, ?, ?, false, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?, 0, ?)");
        pmTag = c.prepareStatement("insert into postmortem_tag (postmortem_id, tag) values (?, ?)");
        pmService = c.prepareStatement("insert into postmortem_service (postmortem_id, service_id) values (?, ?)");
        pmParticipant =
                c.prepareStatement("insert into postmortem_participant (postmortem_id, username) values (?, ?)");
        factor = c.prepareStatement("insert into postmortem_factor (id, postmortem_id, category, description,"
                + " position) values (?, ?, ?, ?, ?)");
        decision = c.prepareStatement("insert into postmortem_decision (id, postmortem_id, decision,"
                + " why_it_made_sense, position) values (?, ?, ?, ?, ?)");
        pmTimeline = c.prepareStatement("insert into postmortem_timeline_entry (id, postmortem_id, occurred_at,"
                + " author, source, body, incident_kind, kept, version) values (?, ?, ?, ?, ?, ?, ?, true, 0)");
        revision = c.prepareStatement("insert into postmortem_revision (id, postmortem_id, number, author,"
                + " created_at, published, content) values (?, ?, 1, ?, ?, ?, ?)");
        countermeasure = c.prepareStatement("insert into postmortem_countermeasure (id, postmortem_id, title,"
                + " description, kind, owner_user, owner_team, due_date, priority, status, wont_do_reason,"
                + " ticket_key, created_by, created_at, updated_at, done_at, version) values (?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)");
        // parents before children (foreign keys)
        all = List.of(
                incident,
                incidentService,
                participant,
                timeline,
                postmortem,
                pmTag,
                pmService,
                pmParticipant,
                factor,
                decision,
                pmTimeline,
                revision,
                countermeasure);
    }

    void flush() throws SQLException {
        for (PreparedStatement p : all) {
            p.executeBatch();
        }
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement p : all) {
            p.close();
        }
    }

    /** A timestamp parameter, or SQL null. */
    static void ts(PreparedStatement p, int index, Instant at) throws SQLException {
        if (at == null) {
            p.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            p.setTimestamp(index, Timestamp.from(at));
        }
    }
}
