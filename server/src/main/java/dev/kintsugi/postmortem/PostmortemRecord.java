package dev.kintsugi.postmortem;

import dev.kintsugi.incident.IncidentView;
import java.util.List;

/**
 * A post-mortem whole, as {@link PostmortemManagement#readAll} reads it for index and read-model builders: the
 * post-mortem (its content: text fields, lessons, factors, decisions, tags, services), its incident (null for a
 * review without one; the caller decides privacy from it), its own timeline (ordered by time) and its
 * countermeasures (by id).
 */
public record PostmortemRecord(
        Postmortem postmortem,
        IncidentView incident,
        List<TimelineItem> timeline,
        List<CountermeasureView> countermeasures) {}
