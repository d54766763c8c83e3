package dev.kintsugi.incident.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.kintsugi.incident.ClosureReason;
import dev.kintsugi.incident.IncidentRole;
import dev.kintsugi.incident.IncidentStatus;
import dev.kintsugi.incident.IncidentView;
import dev.kintsugi.incident.Milestone;
import dev.kintsugi.incident.Severity;
import dev.kintsugi.incident.SeverityTexts;
import dev.kintsugi.incident.TimelineEntry;
import dev.kintsugi.incident.TimelineEntryKind;
import dev.kintsugi.incident.TimelineMessage;
import dev.kintsugi.incident.Visibility;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Request and response bodies of the incident API. Times are ISO-8601 with an offset. */
final class IncidentApiModels {
    private IncidentApiModels() {}

    record DeclareRequest(
            @NotBlank @Size(max = 200) String title,
            @Size(max = 50_000) String description,
            @NotNull Severity severity,
            @Size(max = 50) List<@NotBlank String> services,
            OffsetDateTime impactStartedAt,
            OffsetDateTime detectedAt,
            @JsonProperty("private") Boolean privateIncident,
            @Size(max = 64) String commander) {}

    record UpdateRequest(
            @Size(min = 1, max = 200) String title,
            @Size(max = 50_000) String description,
            Severity severity,
            @Size(max = 50) List<@NotBlank String> services,
            @JsonProperty("private") Boolean privateIncident) {}

    record TransitionRequest(
            @NotNull IncidentStatus to,
            @Size(max = 2000) String reason,
            ClosureReason closureReason,
            @Size(max = 32) String duplicateOf) {}

    record RoleRequest(@Size(max = 64) String username) {}

    record ParticipantRequest(@NotBlank @Size(max = 64) String username) {}

    record MilestoneRequest(OffsetDateTime at) {}

    record NoteRequest(
            TimelineEntryKind kind,
            @NotBlank @Size(max = 50_000) String body,
            OffsetDateTime occurredAt,
            @Size(max = 128) String perspective,
            Visibility visibility) {}

    record PinRequest(@NotNull Boolean pinned) {}

    record IncidentResponse(
            long id,
            String key,
            String title,
            String description,
            Severity severity,
            String severityDescription,
            IncidentStatus status,
            List<IncidentStatus> allowedNext,
            @JsonProperty("private") boolean privateIncident,
            ClosureReason closureReason,
            String duplicateOf,
            Map<String, String> roles,
            Map<String, Instant> milestones,
            List<String> services,
            List<String> participants,
            String declaredBy,
            Instant updatedAt,
            Map<String, Long> durationsSeconds,
            long version,
            Long gameDayId) {

        static IncidentResponse of(IncidentView v, SeverityTexts severities) {
            Map<String, String> roles = new LinkedHashMap<>();
            for (IncidentRole r : IncidentRole.values()) {
                roles.put(camel(r.name()), v.role(r));
            }
            Map<String, Instant> milestones = new LinkedHashMap<>();
            for (Milestone m : Milestone.values()) {
                milestones.put(camel(m.name()), v.milestone(m));
            }
            Map<String, Long> durations = new LinkedHashMap<>();
            durations.put("toDetect", seconds(v.timeToDetect()));
            durations.put("toAcknowledge", seconds(v.timeToAcknowledge()));
            durations.put("toMitigate", seconds(v.timeToMitigate()));
            durations.put("toResolve", seconds(v.timeToResolve()));
            return new IncidentResponse(
                    v.id(),
                    v.key(),
                    v.title(),
                    v.description(),
                    v.severity(),
                    severities.describe(v.severity()),
                    v.status(),
                    v.allowedNext().stream().sorted().toList(),
                    v.privateIncident(),
                    v.closureReason(),
                    v.duplicateOf(),
                    roles,
                    milestones,
                    v.services().stream().map(IncidentView.ServiceRef::name).toList(),
                    List.copyOf(v.participants()),
                    v.declaredBy(),
                    v.updatedAt(),
                    durations,
                    v.version(),
                    v.gameDayId());
        }
    }

    record TimelineEntryResponse(
            long id,
            Instant occurredAt,
            Instant recordedAt,
            String author,
            TimelineEntryKind kind,
            Visibility visibility,
            String perspective,

            @Schema(
                    description = "The entry's text: what a person wrote, or a system entry rendered in the"
                            + " caller's language (profile, else Accept-Language) and zone")
            String body,

            boolean pinned,

            @Schema(description = "System entries: the message code of the incident bundle (absent for notes)")
            String messageCode,

            @Schema(
                    description = "System entries: the message's typed arguments (enum values are codes, instants"
                            + " ISO-8601, users usernames)")
            List<TimelineMessage.Arg> messageArgs) {
        static TimelineEntryResponse of(TimelineEntry e, String body) {
            return new TimelineEntryResponse(
                    e.id(),
                    e.occurredAt(),
                    e.recordedAt(),
                    e.author(),
                    e.kind(),
                    e.visibility(),
                    e.perspective(),
                    body,
                    e.pinned(),
                    e.message() == null ? null : e.message().code(),
                    e.message() == null ? null : e.message().args());
        }
    }

    static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static Long seconds(Duration d) {
        return d == null ? null : d.toSeconds();
    }

    static String camel(String constant) {
        StringBuilder sb = new StringBuilder();
        boolean upper = false;
        for (char c : constant.toLowerCase(java.util.Locale.ROOT).toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return sb.toString();
    }
}
