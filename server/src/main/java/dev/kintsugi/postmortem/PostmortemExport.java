package dev.kintsugi.postmortem;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A post-mortem as one Markdown document: every field, the factors, the decisions, the timeline, the
 * countermeasures and the durations. Times are UTC so the document reads the same wherever it is opened; people
 * and teams by their display names.
 */
@Service
@Transactional(readOnly = true)
public class PostmortemExport {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private final PostmortemManagement postmortems;
    private final Countermeasures countermeasures;
    private final ReviewMeetings meetings;
    private final PostmortemTimeline timeline;
    private final People people;
    private final TimelineTexts texts;

    PostmortemExport(
            PostmortemManagement postmortems,
            Countermeasures countermeasures,
            ReviewMeetings meetings,
            PostmortemTimeline timeline,
            People people,
            TimelineTexts texts) {
        this.postmortems = postmortems;
        this.people = people;
        this.texts = texts;
        this.timeline = timeline;
        this.countermeasures = countermeasures;
        this.meetings = meetings;
    }

    /** A readable label for a code in the document: {@code NEAR_MISS} reads "Near miss", not the enum name. */
    static String label(Enum<?> code) {
        String s = code.name().replace('_', ' ').toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    public String markdown(long id) {
        Postmortem pm = postmortems.get(id);
        PostmortemContent c = pm.content();
        People.Names names = people.names();
        StringBuilder md = new StringBuilder();
        md.append("# ").append(line(c.title())).append("\n\n");
        md.append("| | |\n|---|---|\n");
        row(md, "Post-mortem", pm.key());
        row(md, "Incident", pm.incidentKey());
        row(md, "Origin", label(pm.origin()));
        row(md, "Status", label(pm.status()));
        row(md, "Severity", c.severity());
        row(md, "Scheduled", c.scheduled() ? "scheduled" : "unscheduled");
        row(md, "Facilitator", names.user(c.facilitator()));
        row(md, "Owner", names.user(c.owner()));
        row(md, "Participants", names.users(c.participants()));
        row(md, "Services", String.join(", ", c.services()));
        row(md, "Tags", String.join(", ", c.tags()));
        row(md, "Revision", String.valueOf(pm.revision()));
        row(md, "Published", time(pm.publishedAt()));
        md.append('\n');

        Postmortem.Durations d = pm.durations();
        md.append("## Durations\n\n");
        md.append("- Time undetected: ").append(duration(d.undetected())).append('\n');
        md.append("- Time to mitigate: ").append(duration(d.toMitigate())).append('\n');
        md.append("- Time to resolve: ").append(duration(d.toResolve())).append('\n');
        md.append("- Customer impact: ").append(duration(d.customerImpact())).append("\n\n");

        section(md, "Summary", c.summary());
        section(md, "Customer impact", c.customerImpact());
        section(md, "Detection", c.detection());
        section(md, "What went well", c.wentWell());
        section(md, "What was hard", c.wasHard());
        section(md, "Where we got lucky", c.gotLucky());

        md.append("## Contributing factors\n\n");
        if (c.factors().isEmpty()) {
            md.append("_None recorded._\n\n");
        } else {
            for (PostmortemContent.Factor f : c.factors()) {
                md.append("- **")
                        .append(label(f.category()))
                        .append("**: ")
                        .append(indent(f.description()))
                        .append('\n');
            }
            md.append('\n');
        }

        md.append("## Key decisions\n\n");
        if (c.decisions().isEmpty()) {
            md.append("_None recorded._\n\n");
        } else {
            for (PostmortemContent.Decision dec : c.decisions()) {
                md.append("- ")
                        .append(dec.decidedAt() == null ? "" : time(dec.decidedAt()) + " — ")
                        .append(indent(dec.decision()))
                        .append("\n  - Why it made sense at the time: ")
                        .append(dec.whyItMadeSense() == null ? "_not written yet_" : indent(dec.whyItMadeSense()))
                        .append('\n');
            }
            md.append('\n');
        }

        md.append("## Timeline\n\n");
        List<TimelineItem> entries = timeline.keptTimeline(id);
        if (entries.isEmpty()) {
            md.append("_No entries._\n\n");
        } else {
            md.append("| Time (UTC) | Author | Perspective | Source | Entry |\n|---|---|---|---|---|\n");
            var text = texts.inEnglish();
            for (TimelineItem e : entries) {
                md.append("| ")
                        .append(time(e.occurredAt()))
                        .append(" | ")
                        .append(cell(names.user(e.author())))
                        .append(" | ")
                        .append(cell(e.perspective()))
                        .append(" | ")
                        .append(label(e.source()))
                        .append(" | ")
                        .append(cell(text.apply(e)))
                        .append(" |\n");
            }
            md.append('\n');
        }

        md.append("## Countermeasures\n\n");
        List<CountermeasureView> cms = countermeasures.of(id);
        if (cms.isEmpty()) {
            md.append("_None yet._\n\n");
        } else {
            md.append("| Countermeasure | Kind | Owner | Due | Priority | Status | Ticket |\n"
                    + "|---|---|---|---|---|---|---|\n");
            for (CountermeasureView cm : cms) {
                String status = label(cm.status())
                        + (cm.wontDoReason() == null ? "" : " (" + cm.wontDoReason() + ")")
                        + (cm.verifiedAt() == null ? "" : ", verified " + time(cm.verifiedAt()))
                        + (cm.overdue() ? ", overdue" : "");
                String ticket = cm.ticketUrl() != null
                        ? "[" + cell(cm.ticketKey() == null ? cm.ticketUrl() : cm.ticketKey()) + "](" + cm.ticketUrl()
                                + ")"
                        : cell(cm.ticketKey());
                md.append("| ")
                        .append(cell(cm.title()))
                        .append(cm.experiment() == null ? "" : " (experiment: " + cell(cm.experiment()) + ")")
                        .append(" | ")
                        .append(label(cm.kind()))
                        .append(" | ")
                        .append(cell(names.owner(cm)))
                        .append(" | ")
                        .append(cm.dueDate() == null ? "" : cm.dueDate())
                        .append(" | ")
                        .append(cm.priority())
                        .append(" | ")
                        .append(cell(status))
                        .append(" | ")
                        .append(ticket)
                        .append(" |\n");
            }
            md.append('\n');
        }

        if (!c.links().isEmpty()) {
            md.append("## Links\n\n");
            for (PostmortemContent.Link l : c.links()) {
                md.append("- ")
                        .append(l.kind())
                        .append(": [")
                        .append(line(l.title()))
                        .append("](")
                        .append(l.url())
                        .append(")\n");
            }
            md.append('\n');
        }

        Optional<ReviewMeeting> meeting = meetings.find(id);
        if (meeting.isPresent()) {
            ReviewMeeting m = meeting.get();
            md.append("## Review meeting\n\n");
            md.append("- When: ")
                    .append(time(m.startsAt()))
                    .append(" (")
                    .append(m.durationMinutes())
                    .append(" min)\n");
            if (m.location() != null) {
                md.append("- Where: ").append(line(m.location())).append('\n');
            }
            md.append("- Attendees: ").append(names.users(m.attendees())).append('\n');
            if (m.notes() != null) {
                md.append("\n").append(m.notes().trim()).append('\n');
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static void row(StringBuilder md, String label, String value) {
        md.append("| ")
                .append(label)
                .append(" | ")
                .append(value == null || value.isBlank() ? "—" : cell(value))
                .append(" |\n");
    }

    private static void section(StringBuilder md, String title, String text) {
        md.append("## ").append(title).append("\n\n");
        md.append(text == null || text.isBlank() ? "_Not written._" : text.trim())
                .append("\n\n");
    }

    /** Table cells: one line, pipes escaped. */
    private static String cell(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("|", "\\|").replaceAll("\\s*\\R\\s*", "<br>");
    }

    private static String line(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ");
    }

    private static String indent(String s) {
        return s == null ? "" : s.trim().replaceAll("\\R", "\n    ");
    }

    static String time(Instant i) {
        return i == null ? "" : UTC.format(i.atOffset(ZoneOffset.UTC));
    }

    static String duration(Duration d) {
        if (d == null) {
            return "—";
        }
        long minutes = d.toMinutes();
        if (minutes < 1) {
            return d.toSeconds() + " s";
        }
        long h = minutes / 60;
        long m = minutes % 60;
        return h == 0 ? m + " min" : h + " h " + m + " min";
    }
}
