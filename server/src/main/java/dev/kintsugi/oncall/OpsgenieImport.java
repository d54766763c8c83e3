package dev.kintsugi.oncall;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.UserAccount;
import dev.kintsugi.platform.UserManagement;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports schedules (with their rotations) and escalation policies from the JSON Opsgenie's REST API v2 returns:
 * {@code GET /v2/schedules?expand=rotation} and {@code GET /v2/escalations}, both {@code {"data": [...]}}. People
 * are matched by username, then by e-mail address (Opsgenie usernames are e-mail addresses); someone unknown
 * refuses the whole import (400 naming them), so nothing half-imported stays behind. Opsgenie's rule delays count
 * from the alert's creation; a Kintsugi level waits after the previous one, so timeouts are the differences. What
 * cannot be carried over exactly (restrictions spanning several days, team or escalation participants) is
 * approximated and listed in {@code warnings}.
 */
@Service
@Transactional
public class OpsgenieImport {
    private final Schedules schedules;
    private final EscalationPolicies policies;
    private final UserManagement users;
    private final AuditLog audit;

    OpsgenieImport(Schedules schedules, EscalationPolicies policies, UserManagement users, AuditLog audit) {
        this.schedules = schedules;
        this.policies = policies;
        this.users = users;
        this.audit = audit;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ScheduleList(List<OgSchedule> data) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OgSchedule(String name, String timezone, List<OgRotation> rotations) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OgRotation(
            String name,
            OffsetDateTime startDate,
            String type,
            Integer length,
            List<OgRecipient> participants,
            OgTimeRestriction timeRestriction) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OgRecipient(String type, String username, String name) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OgTimeRestriction(String type, OgRestriction restriction, List<OgRestriction> restrictions) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OgRestriction(
            String startDay, Integer startHour, Integer startMin, String endDay, Integer endHour, Integer endMin) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EscalationList(List<OgEscalation> data) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OgEscalation(String name, List<OgRule> rules, OgRepeat repeat) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OgRule(String condition, OgDelay delay, OgRecipient recipient) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OgDelay(Integer timeAmount, String timeUnit) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OgRepeat(Integer waitInterval, Integer count) {}

    public record Result(List<String> schedules, List<String> policies, List<String> warnings) {}

    /** Imports into {@code team}: schedules first (policies may name them), then policies. */
    public Result importInto(String team, ScheduleList scheduleList, EscalationList escalationList) {
        List<String> warnings = new ArrayList<>();
        List<String> madeSchedules = new ArrayList<>();
        List<String> madePolicies = new ArrayList<>();
        Map<String, String> scheduleNames = new LinkedHashMap<>();
        List<OgSchedule> ss = scheduleList == null || scheduleList.data() == null ? List.of() : scheduleList.data();
        for (int i = 0; i < ss.size(); i++) {
            OgSchedule s = ss.get(i);
            String field = "schedules.data[" + i + "]";
            String name = slug(required(s.name(), field + ".name"));
            ZoneId zone = Schedules.zone(s.timezone() == null ? "UTC" : s.timezone(), field + ".timezone");
            List<Rotation> rotations = new ArrayList<>();
            List<OgRotation> rs = s.rotations() == null ? List.of() : s.rotations();
            for (int j = 0; j < rs.size(); j++) {
                rotations.add(OpsgenieRotations.rotation(
                        rs.get(j), j, rs.size(), zone, field + ".rotations[" + j + "]", warnings, this::user));
            }
            Schedule made = schedules.create(new ScheduleDraft(name, s.name(), team, zone, rotations));
            scheduleNames.put(s.name(), made.name());
            madeSchedules.add(made.name());
        }
        List<OgEscalation> es =
                escalationList == null || escalationList.data() == null ? List.of() : escalationList.data();
        for (int i = 0; i < es.size(); i++) {
            OgEscalation e = es.get(i);
            String field = "escalations.data[" + i + "]";
            List<OgRule> rules = e.rules() == null ? List.of() : e.rules();
            if (rules.isEmpty()) {
                throw new InvalidInputException(
                        field + ".rules", "oncall.invalid.opsgenieRules", "an escalation has rules");
            }
            List<EscalationLevel> levels = new ArrayList<>();
            for (int j = 0; j < rules.size(); j++) {
                OgRule r = rules.get(j);
                String rf = field + ".rules[" + j + "]";
                int at = minutes(r.delay());
                int next = j + 1 < rules.size()
                        ? minutes(rules.get(j + 1).delay())
                        : at
                                + (e.repeat() != null && e.repeat().waitInterval() != null
                                        ? e.repeat().waitInterval()
                                        : 5);
                int timeout = Math.max(1, next - at);
                if (r.condition() != null && !"if-not-acked".equals(r.condition())) {
                    warnings.add(rf + ": condition " + r.condition() + " is treated as if-not-acked");
                }
                OgRecipient who = r.recipient();
                if (who == null || who.type() == null) {
                    throw new InvalidInputException(rf + ".recipient", "oncall.invalid.required", "is required");
                }
                levels.add(
                        switch (who.type()) {
                            case "user" ->
                                new EscalationLevel(
                                        EscalationLevel.TargetType.USER,
                                        user(who, rf + ".recipient"),
                                        null,
                                        null,
                                        timeout);
                            case "schedule" -> {
                                String mapped = scheduleNames.getOrDefault(
                                        who.name(), who.name() == null ? null : slug(who.name()));
                                yield new EscalationLevel(
                                        EscalationLevel.TargetType.SCHEDULE,
                                        null,
                                        policies.scheduleId(mapped, rf + ".recipient.name"),
                                        null,
                                        timeout);
                            }
                            case "team" ->
                                new EscalationLevel(
                                        EscalationLevel.TargetType.TEAM,
                                        null,
                                        null,
                                        policies.teamId(team, "team"),
                                        timeout);
                            default ->
                                throw new InvalidInputException(
                                        rf + ".recipient.type", "oncall.invalid.targetType", "user, schedule or team");
                        });
                if ("team".equals(who.type())) {
                    warnings.add(rf + ": team " + who.name() + " is paged as the importing team " + team);
                }
            }
            int repeat = e.repeat() == null || e.repeat().count() == null
                    ? 0
                    : Math.min(10, Math.max(0, e.repeat().count()));
            EscalationPolicy p = policies.create(new EscalationPolicies.PolicyDraft(
                    slug(required(e.name(), field + ".name")),
                    e.name(),
                    team,
                    i == 0,
                    levels,
                    repeat,
                    PolicyRouting.ALWAYS));
            madePolicies.add(p.name());
        }
        audit.record(
                "oncall.import.opsgenie",
                "team",
                team,
                madeSchedules.size() + " schedules, " + madePolicies.size() + " policies",
                null,
                null);
        return new Result(madeSchedules, madePolicies, warnings);
    }

    String user(OgRecipient p, String field) {
        String name = p.username() != null ? p.username() : p.name();
        if (name == null) {
            throw new InvalidInputException(field + ".username", "oncall.invalid.required", "is required");
        }
        if (users.exists(name)) {
            return name;
        }
        Optional<String> byEmail = users.list().stream()
                .filter(u -> name.equalsIgnoreCase(u.email()))
                .map(UserAccount::username)
                .findFirst();
        return byEmail.orElseThrow(() -> new InvalidInputException(
                field + ".username",
                "oncall.invalid.opsgenieUnknownUser",
                "no Kintsugi user with this username or e-mail: " + name,
                name));
    }

    private static int minutes(OgDelay d) {
        if (d == null || d.timeAmount() == null) {
            return 0;
        }
        return switch (d.timeUnit() == null ? "minutes" : d.timeUnit()) {
            case "hours" -> d.timeAmount() * 60;
            case "days" -> d.timeAmount() * 1440;
            default -> d.timeAmount();
        };
    }

    static String required(String s, String field) {
        if (s == null || s.isBlank()) {
            throw new InvalidInputException(field, "oncall.invalid.required", "is required");
        }
        return s;
    }

    static String slug(String s) {
        String v = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (v.isEmpty()) {
            v = "imported";
        }
        return v.length() > 64 ? v.substring(0, 64).replaceAll("-+$", "") : v;
    }
}
