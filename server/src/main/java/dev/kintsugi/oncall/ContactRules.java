package dev.kintsugi.oncall;

import dev.kintsugi.oncall.persistence.ContactRepository;
import dev.kintsugi.oncall.persistence.ContactStepRepository;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.Versions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's contact rules: ordered steps "for these severities (a set, or a minimum, or all), notify through this
 * method after N minutes". Someone who saved none has the default rule set: each contact method after its own
 * delay, for every severity; with no method either, an e-mail at the account's address at once.
 */
@Service
@Transactional
public class ContactRules {
    public static final int MAX_STEPS = 20;
    private static final Pattern SEVERITY = Pattern.compile("SEV[1-5]");

    private final ContactStepRepository steps;
    private final ContactRepository contacts;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ContactRules(
            ContactStepRepository steps,
            ContactRepository contacts,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.steps = steps;
        this.contacts = contacts;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /**
     * One step. {@code methodId} null: the account's e-mail address. {@code severities} (SEV1…SEV5) or
     * {@code minSeverity} (that one and the more severe) choose the pages it applies to; neither: every page.
     */
    public record Step(Long methodId, int delayMinutes, List<String> severities, String minSeverity) {
        public Step {
            severities = severities == null ? List.of() : List.copyOf(severities);
        }

        /** Whether a page of {@code severity} (SEV1…SEV5, or null when the subject has none) takes this step. */
        public boolean matches(String severity) {
            if (severities.isEmpty() && minSeverity == null) {
                return true;
            }
            if (severity == null || !SEVERITY.matcher(severity).matches()) {
                return false;
            }
            return minSeverity != null ? severity.compareTo(minSeverity) <= 0 : severities.contains(severity);
        }
    }

    /** The rules one person is reached by; {@code custom} false: the default rule set (version 0 if never saved). */
    public record RuleSet(List<Step> steps, boolean custom, long version) {}

    @Transactional(readOnly = true)
    public RuleSet of(String username) {
        long version = steps.version(username).orElse(0);
        List<ContactStepRepository.Step> saved = steps.steps(username);
        if (!saved.isEmpty()) {
            return new RuleSet(
                    saved.stream()
                            .map(s -> new Step(
                                    s.methodId(),
                                    s.delayMinutes(),
                                    s.severities() == null
                                            ? List.of()
                                            : List.of(s.severities().split(",")),
                                    s.minSeverity()))
                            .toList(),
                    true,
                    version);
        }
        List<Step> defaults = contacts.rules(username).stream()
                .map(r -> new Step(r.methodId(), r.delayMinutes(), List.of(), null))
                .toList();
        return new RuleSet(defaults.isEmpty() ? List.of(new Step(null, 0, List.of(), null)) : defaults, false, version);
    }

    /**
     * Saves the caller's rules in this order; an empty list goes back to the default rule set. {@code expected}:
     * the version the caller read (412 when stale, null: none).
     */
    public RuleSet save(List<Step> wanted, Long expected) {
        String me = Actor.current();
        List<Step> list = wanted == null ? List.of() : wanted;
        validate(me, list);
        long current = steps.version(me).orElse(0);
        Versions.require(expected, current, "contact rules");
        int changed = current == 0 ? steps.create(me, clock.instant()) : steps.bump(me, current, clock.instant());
        if (changed == 0) {
            throw new ConflictException(
                    "oncall.conflict.contactRulesChanged",
                    "your contact rules changed meanwhile: read them again",
                    Map.of());
        }
        List<ContactStepRepository.Step> rows = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Step s = list.get(i);
            rows.add(new ContactStepRepository.Step(
                    0,
                    me,
                    i,
                    s.methodId(),
                    s.delayMinutes(),
                    s.severities().isEmpty() ? null : String.join(",", s.severities()),
                    s.minSeverity()));
        }
        steps.replace(me, rows);
        RuleSet saved = of(me);
        audit.record("oncall.contact.rules.saved", "user", me, describe(list), null, null);
        events.publishEvent(new ContactRulesChanged(me, saved.version(), list.size()));
        return saved;
    }

    /** The method is being removed: its steps go with it (a new version of the set). */
    void methodRemoved(String username, long methodId) {
        if (steps.removeMethod(username, methodId)) {
            long current = steps.version(username).orElse(0);
            if (current > 0 && steps.bump(username, current, clock.instant()) == 1) {
                events.publishEvent(new ContactRulesChanged(
                        username, current + 1, steps.steps(username).size()));
            }
        }
    }

    private void validate(String me, List<Step> list) {
        if (list.size() > MAX_STEPS) {
            throw new InvalidInputException("steps", "oncall.invalid.stepCount", "at most 20 steps", MAX_STEPS);
        }
        Set<Long> mine =
                contacts.methods(me).stream().map(ContactRepository.Method::id).collect(Collectors.toSet());
        for (int i = 0; i < list.size(); i++) {
            Step s = list.get(i);
            String at = "steps[" + i + "].";
            if (s == null) {
                throw new InvalidInputException("steps[" + i + "]", "oncall.invalid.required", "is required");
            }
            if (s.methodId() != null && !mine.contains(s.methodId())) {
                throw new InvalidInputException(
                        at + "methodId", "oncall.invalid.stepMethod", "not one of your contact methods");
            }
            if (s.delayMinutes() < 0 || s.delayMinutes() > 1440) {
                throw new InvalidInputException(at + "delayMinutes", "oncall.invalid.delay", "between 0 and 1440");
            }
            for (String sev : s.severities()) {
                if (sev == null || !SEVERITY.matcher(sev).matches()) {
                    throw new InvalidInputException(
                            at + "severities", "oncall.invalid.severity", "SEV1 to SEV5", String.valueOf(sev));
                }
            }
            if (new LinkedHashSet<>(s.severities()).size() != s.severities().size()) {
                throw new InvalidInputException(at + "severities", "oncall.invalid.severityTwice", "each once");
            }
            if (s.minSeverity() != null && !SEVERITY.matcher(s.minSeverity()).matches()) {
                throw new InvalidInputException(
                        at + "minSeverity", "oncall.invalid.severity", "SEV1 to SEV5", s.minSeverity());
            }
            if (s.minSeverity() != null && !s.severities().isEmpty()) {
                throw new InvalidInputException(
                        at + "minSeverity", "oncall.invalid.severityBoth", "either severities or minSeverity");
            }
        }
    }

    /** Who a step is for, in words of the log (not shown to readers: the audit's detail). */
    static String describe(List<Step> list) {
        if (list.isEmpty()) {
            return "default rules";
        }
        return list.stream()
                .map(s -> (s.methodId() == null ? "account e-mail" : "method " + s.methodId()) + " after "
                        + s.delayMinutes() + " min for " + selection(s))
                .collect(Collectors.joining("; "));
    }

    /** The severities a step applies to, as shown in the delivery log: "SEV1, SEV2", "SEV1–SEV2" or "*". */
    static String selection(Step s) {
        if (s.minSeverity() != null) {
            return "SEV1–" + s.minSeverity();
        }
        return s.severities().isEmpty() ? "*" : String.join(", ", s.severities());
    }
}
