package dev.kintsugi.oncall;

import dev.kintsugi.oncall.persistence.PolicyRepository;
import dev.kintsugi.oncall.persistence.ScheduleRepository;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.platform.UserManagement;
import dev.kintsugi.platform.Versions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Escalation policies: anyone logged in reads; the team's responders and admins change. */
@Service
@Transactional
public class EscalationPolicies {
    private final PolicyRepository repo;
    private final ScheduleRepository schedules;
    private final TeamAccess access;
    private final UserManagement users;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    EscalationPolicies(
            PolicyRepository repo,
            ScheduleRepository schedules,
            TeamAccess access,
            UserManagement users,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.repo = repo;
        this.schedules = schedules;
        this.access = access;
        this.users = users;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** A policy as written: the team by name, levels already resolved to ids. */
    public record PolicyDraft(
            String name,
            String displayName,
            String team,
            boolean teamDefault,
            List<EscalationLevel> levels,
            int repeat,
            PolicyRouting routing) {}

    @Transactional(readOnly = true)
    public List<EscalationPolicy> list() {
        return repo.all();
    }

    @Transactional(readOnly = true)
    public EscalationPolicy get(String name) {
        return repo.find(name).orElseThrow(() -> new NotFoundException("Escalation policy", name));
    }

    @Transactional(readOnly = true)
    public Optional<EscalationPolicy> find(long id) {
        return repo.find(id);
    }

    @Transactional(readOnly = true)
    public Optional<EscalationPolicy> teamDefault(long teamId) {
        return repo.teamDefault(teamId);
    }

    @Transactional(readOnly = true)
    public String teamName(EscalationPolicy p) {
        return access.teamName(p.teamId());
    }

    @Transactional(readOnly = true)
    public String scheduleName(long id) {
        return schedules.find(id).map(Schedule::name).orElse("#" + id);
    }

    @Transactional(readOnly = true)
    public boolean mayEdit(EscalationPolicy p) {
        return access.mayEdit(p.teamId());
    }

    /** The schedule id of a name, for levels; refused naming {@code field}. */
    @Transactional(readOnly = true)
    public long scheduleId(String name, String field) {
        return schedules
                .find(name)
                .map(Schedule::id)
                .orElseThrow(() -> new InvalidInputException(
                        field, "oncall.invalid.noSuchSchedule", "no such schedule: " + name, name));
    }

    @Transactional(readOnly = true)
    public long teamId(String name, String field) {
        return access.team(name, field).id();
    }

    public EscalationPolicy create(PolicyDraft d) {
        var team = access.team(d.team(), "team");
        access.requireEdit(team.id());
        validate(d);
        if (repo.find(d.name()).isPresent()) {
            throw new ConflictException(
                    "oncall.conflict.policyTaken",
                    "a policy named '" + d.name() + "' exists",
                    Map.of("field", "name"),
                    d.name());
        }
        long id;
        try {
            id = repo.insert(d.name(), d.displayName(), team.id(), d.teamDefault(), definition(d), clock.instant());
        } catch (DuplicateKeyException e) {
            throw new ConflictException(
                    "oncall.conflict.policyTaken",
                    "a policy named '" + d.name() + "' exists",
                    Map.of("field", "name"),
                    d.name());
        }
        if (d.teamDefault()) {
            repo.clearOtherDefaults(team.id(), id);
        }
        EscalationPolicy p = repo.find(id).orElseThrow();
        audit.record("oncall.policy.created", "escalation-policy", p.name(), null, null, p);
        events.publishEvent(new PolicyChanged(id, p.name(), p.teamId(), "created", Actor.current()));
        return p;
    }

    public EscalationPolicy update(String name, PolicyDraft d, Long expectedVersion) {
        EscalationPolicy before = get(name);
        access.requireEdit(before.teamId());
        Versions.require(expectedVersion, before.version(), "Escalation policy '" + name + "'");
        var team = access.team(d.team(), "team");
        access.requireEdit(team.id());
        validate(d);
        int n;
        try {
            n = repo.update(
                    before.id(),
                    before.version(),
                    d.name(),
                    d.displayName(),
                    team.id(),
                    d.teamDefault(),
                    definition(d));
        } catch (DuplicateKeyException e) {
            throw new ConflictException(
                    "oncall.conflict.policyTaken",
                    "a policy named '" + d.name() + "' exists",
                    Map.of("field", "name"),
                    d.name());
        }
        if (n == 0) {
            throw new ConflictException(
                    "oncall.conflict.policyChanged", "the policy changed meanwhile: read it again", java.util.Map.of());
        }
        if (d.teamDefault()) {
            repo.clearOtherDefaults(team.id(), before.id());
        }
        EscalationPolicy after = repo.find(before.id()).orElseThrow();
        audit.record("oncall.policy.updated", "escalation-policy", after.name(), null, before, after);
        events.publishEvent(new PolicyChanged(after.id(), after.name(), after.teamId(), "updated", Actor.current()));
        return after;
    }

    public void delete(String name, Long expectedVersion) {
        EscalationPolicy p = get(name);
        access.requireEdit(p.teamId());
        Versions.require(expectedVersion, p.version(), "Escalation policy '" + name + "'");
        if (repo.inUse(p.id())) {
            throw new ConflictException(
                    "oncall.conflict.policyInUse",
                    "pages refer to this policy: change it rather than delete it",
                    java.util.Map.of());
        }
        repo.delete(p.id());
        audit.record("oncall.policy.deleted", "escalation-policy", p.name(), null, p, null);
        events.publishEvent(new PolicyChanged(p.id(), p.name(), p.teamId(), "deleted", Actor.current()));
    }

    private static EscalationPolicy.Definition definition(PolicyDraft d) {
        return new EscalationPolicy.Definition(
                d.levels(), d.repeat(), d.routing() == null ? PolicyRouting.ALWAYS : d.routing());
    }

    private void validate(PolicyDraft d) {
        ScheduleDrafts.requireNames(d.name(), d.displayName());
        if (d.levels() == null || d.levels().isEmpty() || d.levels().size() > 20) {
            throw new InvalidInputException("levels", "oncall.invalid.levelCount", "one to 20 levels");
        }
        if (d.repeat() < 0 || d.repeat() > 10) {
            throw new InvalidInputException("repeat", "oncall.invalid.repeat", "between 0 and 10");
        }
        for (EscalationLevel l : d.levels()) {
            if (l.timeoutMinutes() < 1 || l.timeoutMinutes() > 1440) {
                throw new InvalidInputException(
                        "levels.timeoutMinutes", "oncall.invalid.timeout", "between 1 and 1440");
            }
            if (l.type() == EscalationLevel.TargetType.USER && (l.username() == null || !users.exists(l.username()))) {
                throw new InvalidInputException(
                        "levels.target", "oncall.invalid.noSuchUser", "no such user: " + l.username(), l.username());
            }
        }
    }
}
