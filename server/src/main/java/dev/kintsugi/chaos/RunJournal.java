package dev.kintsugi.chaos;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.incident.IncidentContributions;
import dev.kintsugi.incident.OpenIncident;
import dev.kintsugi.incident.TimelineEntryKind;
import dev.kintsugi.incident.TimelineMessage;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.LiveUpdates;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A run's journal as it goes: the engine's callbacks write each activity as it starts and ends (probe values
 * against their tolerance), each fault before it is injected, in place with its lease, or failed; live pages hear
 * of each. The loop: every open incident on a target service gets a timeline entry while a fault is in place.
 */
@Component
class RunJournal {
    private static final Logger log = LoggerFactory.getLogger(RunJournal.class);
    private static final Pattern TTL = Pattern.compile("\"ttl_ms\"\\s*:\\s*(\\d+)");

    private final FaultRepository faultRows;
    private final RunRepository runRows;
    private final TransactionTemplate tx;
    private final LiveUpdates live;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final Clock clock;
    private final CatalogManagement catalog;
    private final IncidentContributions incidents;
    private final ChaosProperties properties;
    private final FaultReverts faultReverts;

    RunJournal(
            FaultRepository faultRows,
            RunRepository runRows,
            PlatformTransactionManager transactions,
            LiveUpdates live,
            ApplicationEventPublisher events,
            AuditLog audit,
            Clock clock,
            CatalogManagement catalog,
            IncidentContributions incidents,
            ChaosProperties properties,
            FaultReverts faultReverts) {
        this.faultReverts = faultReverts;
        this.faultRows = faultRows;
        this.runRows = runRows;
        this.tx = new TransactionTemplate(transactions);
        this.live = live;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
        this.catalog = catalog;
        this.incidents = incidents;
        this.properties = properties;
    }

    /** The callbacks of one run; {@code stop} asks the run to stop (with the reason). */
    Callbacks callbacks(RunEngine.Launch launch, java.util.function.Consumer<String> stop) {
        return new Callbacks(launch, stop);
    }

    /** The engine's callbacks for one run: activities and faults into the journal, live updates out. */
    final class Callbacks implements Engine.Callbacks {
        private final RunEngine.Launch launch;
        private final java.util.function.Consumer<String> stop;
        private final Map<String, Long> activityIds = new ConcurrentHashMap<>();
        private final Map<String, Long> faultIds = new ConcurrentHashMap<>();
        /** The row of each activity that last finished: the engine checks a probe's tolerance after its end. */
        private final Map<String, Long> finishedIds = new ConcurrentHashMap<>();

        Callbacks(RunEngine.Launch launch, java.util.function.Consumer<String> stop) {
            this.launch = launch;
            this.stop = stop;
        }

        private String key(String section, String name) {
            return section + "/" + name;
        }

        // The engine calls these from its own threads (the method runs on a worker): act as the system for this
        // run there, and never let a journaling problem break the run itself.
        @Override
        public void started(Engine.Step step) {
            guarded(() -> onStarted(step));
        }

        @Override
        public void finished(Engine.StepEnd end) {
            guarded(() -> onFinished(end));
        }

        @Override
        public void probeChecked(String section, String name, String tolerance, boolean met) {
            guarded(() -> {
                Long activityId = finishedIds.get(key(section, name));
                if (activityId != null) {
                    tx.executeWithoutResult(s -> runRows.probeChecked(activityId, tolerance, met));
                    live.publish(RunEngine.topic(launch.runId()), "activity", Long.toString(activityId));
                }
            });
        }

        private void guarded(Runnable work) {
            try {
                Actor.runAsSystem("chaos run " + launch.runId(), work);
            } catch (RuntimeException e) {
                log.error("chaos run {}: could not journal a step", launch.runId(), e);
            }
        }

        private void onStarted(Engine.Step step) {
            Instant now = clock.instant();
            if (!"rollback".equals(step.section())
                    && tx.execute(s -> faultRows.killSwitch().engaged())) {
                // engaged on another instance: this run stops at its next step (its faults are reverted there)
                stop.accept("kill switch engaged");
            }
            String key = key(step.section(), step.name());
            Long activityId = tx.execute(
                    s -> runRows.insertActivity(launch.runId(), step.section(), step.name(), step.type(), now));
            activityIds.put(key, activityId);
            live.publish(RunEngine.topic(launch.runId()), "activity", Long.toString(activityId));
        }

        private void onFinished(Engine.StepEnd end) {
            Instant now = clock.instant();
            Long activityId = activityIds.remove(key(end.section(), end.name()));
            if (activityId != null) {
                finishedIds.put(key(end.section(), end.name()), activityId);
                tx.executeWithoutResult(
                        s -> runRows.finishActivity(activityId, end.status(), end.toleranceMet(), end.output(), now));
                live.publish(RunEngine.topic(launch.runId()), "activity", Long.toString(activityId));
            }
        }

        @Override
        public void faultInjecting(Engine.FaultRecord fault) {
            // not guarded: a fault the server could not journal must not be applied (throwing refuses it)
            Actor.runAsSystem("chaos run " + launch.runId(), () -> {
                long id = tx.execute(s -> faultRows.insertFault(
                        launch.runId(),
                        fault.kind(),
                        fault.apiUrl(),
                        fault.proxy(),
                        fault.toxic(),
                        fault.description(),
                        clock.instant(),
                        fault.key(),
                        fault.json()));
                faultIds.put(fault.key(), id);
            });
        }

        @Override
        public void faultInjected(String key, Instant leaseExpiry) {
            guarded(() -> injected(key, leaseExpiry));
        }

        @Override
        public void faultRenewed(String key, Instant leaseExpiry) {
            Long id = faultIds.get(key);
            if (id != null && leaseExpiry != null) {
                guarded(() -> {
                    tx.executeWithoutResult(s -> faultRows.faultLease(id, leaseExpiry));
                    live.publish(RunEngine.topic(launch.runId()), "fault", Long.toString(id));
                });
            }
        }

        @Override
        public void faultRemoved(String key, String error) {
            Long id = faultIds.get(key);
            if (id == null) {
                return;
            }
            guarded(() -> {
                if (error == null) {
                    faultReverts.reverted(id, null, launch);
                } else {
                    tx.executeWithoutResult(s -> faultRows.faultError(id, error));
                    live.publish(RunEngine.topic(launch.runId()), "fault", Long.toString(id));
                }
            });
        }

        private void injected(String key, Instant leaseExpiry) {
            Long faultId = faultIds.get(key);
            if (faultId == null) {
                return;
            }
            Instant now = clock.instant();
            Instant leaseUntil = leaseExpiry != null ? leaseExpiry : now.plus(properties.leaseMargin());
            FaultView fault = tx.execute(s -> {
                faultRows.faultInPlace(faultId, leaseUntil);
                return faultRows.fault(faultId).orElseThrow();
            });
            tx.executeWithoutResult(s -> {
                audit.record(
                        "chaos.fault.injected",
                        "chaos-fault",
                        Long.toString(faultId),
                        "Run " + launch.runId() + " injected " + fault.description(),
                        null,
                        Map.of("leaseUntil", leaseUntil.toString()));
                events.publishEvent(new FaultInjected(
                        faultId,
                        launch.runId(),
                        launch.experimentId(),
                        fault.description(),
                        leaseUntil,
                        Set.copyOf(launch.serviceIds()),
                        launch.teamIds(),
                        now));
            });
            live.publish(RunEngine.topic(launch.runId()), "fault", Long.toString(faultId));
            onTimelines(launch, fault.description(), now);
        }
    }

    /** The loop: each open incident on a target service hears that the experiment is injecting a fault. */
    void onTimelines(RunEngine.Launch launch, String fault, Instant since) {
        if (launch.serviceIds().isEmpty()) {
            return;
        }
        String services = String.join(
                ", ",
                catalog.servicesById(launch.serviceIds()).stream()
                        .map(CatalogService::name)
                        .sorted()
                        .toList());
        for (OpenIncident incident : tx.execute(s -> incidents.openOn(launch.serviceIds()))) {
            note(launch, incident.key(), fault, services, since);
        }
    }

    void note(RunEngine.Launch launch, String incidentKey, String fault, String services, Instant since) {
        TimelineMessage message = new TimelineMessage(
                "chaos.timeline.injecting",
                List.of(
                        new TimelineMessage.Arg(TimelineMessage.ArgType.TEXT, launch.title()),
                        new TimelineMessage.Arg(TimelineMessage.ArgType.TEXT, fault),
                        new TimelineMessage.Arg(TimelineMessage.ArgType.TEXT, services),
                        new TimelineMessage.Arg(TimelineMessage.ArgType.INSTANT, since.toString()),
                        new TimelineMessage.Arg(TimelineMessage.ArgType.TEXT, Long.toString(launch.runId()))));
        try {
            tx.executeWithoutResult(s -> {
                incidents.record(incidentKey, TimelineEntryKind.EXPERIMENT, message, since);
                runRows.linkIncident(launch.runId(), incidentKey);
            });
            live.publish(RunEngine.topic(launch.runId()), "incident", incidentKey);
        } catch (RuntimeException e) {
            log.warn("could not note run {} on {}", launch.runId(), incidentKey, e);
        }
    }
}
