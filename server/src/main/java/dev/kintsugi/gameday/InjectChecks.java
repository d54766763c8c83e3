package dev.kintsugi.gameday;

import dev.kintsugi.chaos.ChaosExperiments;
import dev.kintsugi.chaos.ChaosHub;
import dev.kintsugi.chaos.HubInstantiation;
import dev.kintsugi.chaos.HubTemplateView;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.platform.Role;
import java.util.Map;
import java.util.Objects;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Checks an inject as typed (naming the field of the first problem) and finds the experiment it runs: the one it
 * names, or for a fault inject the one-fault experiment the chaos hub writes from its built-in template of that
 * fault for the service ({@link ChaosHub#instantiate}: the target from the service's chaos targets, the values
 * within the fault's bounds, the probe from its HTTP target), made in the caller's transaction so that a refusal
 * leaves nothing behind. A changed fault inject gets a new experiment; an unchanged one keeps its own.
 */
@Component
class InjectChecks {
    private final GameDayAccess access;
    private final ChaosExperiments experiments;
    private final ChaosHub hub;

    InjectChecks(GameDayAccess access, ChaosExperiments experiments, ChaosHub hub) {
        this.access = access;
        this.experiments = experiments;
        this.hub = hub;
    }

    /** The draft with its texts stripped and only the fields of its kind kept. */
    InjectDraft checked(InjectDraft d) {
        if (d == null) {
            throw new InvalidInputException("title", "validation.required", "must be given");
        }
        String body = GameDayInput.optional(d.body(), "body", GameDayInput.MAX_TEXT);
        String title = GameDayInput.required(d.title(), "title", GameDayInput.MAX_TITLE);
        if (d.kind() == null) {
            throw new InvalidInputException("kind", "validation.required", "must be given");
        }
        Integer offset = d.offsetMinutes();
        if (offset != null && (offset < 0 || offset > GameDayInput.MAX_DURATION)) {
            throw new InvalidInputException(
                    "offsetMinutes",
                    "validation.between",
                    "must be between 0 and " + GameDayInput.MAX_DURATION,
                    0,
                    GameDayInput.MAX_DURATION);
        }
        if (d.kind().runsChaos() && !Actor.isSystem() && !Actor.hasRole(Role.CHAOS_ENGINEER)) {
            throw new AccessDeniedException("an inject that runs chaos needs the CHAOS_ENGINEER role");
        }
        return switch (d.kind()) {
            case EXPERIMENT -> {
                if (d.experimentId() == null) {
                    throw new InvalidInputException("experimentId", "validation.required", "must be given");
                }
                try {
                    experiments.get(d.experimentId());
                } catch (NotFoundException e) {
                    throw new InvalidInputException(
                            "experimentId",
                            "gameday.error.noExperiment",
                            "no experiment " + d.experimentId(),
                            d.experimentId());
                }
                yield new InjectDraft(title, d.kind(), d.experimentId(), body, offset, null, null, null, null);
            }
            case FAULT -> {
                String fault = GameDayInput.required(d.fault(), "fault", GameDayInput.MAX_NAME);
                if (!ChaosHub.faults().containsKey(fault)) {
                    throw new InvalidInputException(
                            "fault",
                            "gameday.error.noFault",
                            "must be one of " + ChaosHub.faults().keySet(),
                            String.join(", ", ChaosHub.faults().keySet()));
                }
                String service = GameDayInput.required(d.service(), "service", GameDayInput.MAX_TITLE);
                Map<String, Integer> values =
                        d.parameters() == null ? Map.of() : new java.util.LinkedHashMap<>(d.parameters());
                yield new InjectDraft(title, d.kind(), null, body, offset, fault, service, d.targetId(), values);
            }
            case TABLETOP -> {
                if (body == null) {
                    throw new InvalidInputException("body", "validation.blank", "must not be blank");
                }
                yield new InjectDraft(title, d.kind(), null, body, offset, null, null, null, null);
            }
        };
    }

    /** The experiment a checked draft runs (null for a tabletop one); {@code before}: the inject it replaces. */
    Long experimentOf(long gameDayId, InjectDraft d, InjectView before) {
        return switch (d.kind()) {
            case EXPERIMENT -> d.experimentId();
            case TABLETOP -> null;
            case FAULT -> before != null && sameFault(d, before) ? before.experimentId() : instantiate(gameDayId, d);
        };
    }

    private long instantiate(long gameDayId, InjectDraft d) {
        GameDayRepository.Row r = access.row(gameDayId);
        boolean target = access.catalog
                .findService(d.service())
                .map(s -> r.serviceIds().contains(s.id()))
                .orElse(false);
        if (!target) {
            throw new InvalidInputException(
                    "service",
                    "gameday.error.notTarget",
                    "'" + d.service() + "' is not a target service of this game day",
                    d.service());
        }
        HubTemplateView template = hub.list(LocaleContextHolder.getLocale()).stream()
                .filter(t -> t.builtIn() && t.fault().equals(d.fault()))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException(
                        "fault", "gameday.error.noFault", "no built-in template for " + d.fault(), d.fault()));
        return hub.instantiate(
                        template.id(),
                        new HubInstantiation(
                                d.service(),
                                d.targetId(),
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                d.parameters(),
                                "Game day " + gameDayId + ": " + d.title()),
                        LocaleContextHolder.getLocale())
                .id();
    }

    private static boolean sameFault(InjectDraft d, InjectView before) {
        return before.kind() == InjectKind.FAULT
                && before.experimentId() != null
                && d.fault().equals(before.fault())
                && d.service().equals(before.faultService())
                && Objects.equals(d.targetId(), before.faultTargetId())
                && d.parameters().equals(before.faultParameters())
                && d.title().equals(before.title());
    }
}
