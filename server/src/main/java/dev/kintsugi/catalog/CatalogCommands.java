package dev.kintsugi.catalog;

import dev.kintsugi.catalog.persistence.CatalogRepository;
import dev.kintsugi.platform.AuditLog;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;

/** What the catalog's commands ({@link TeamCommands}, {@link ServiceCommands}) write with: rows, audit, events. */
abstract sealed class CatalogCommands permits TeamCommands, ServiceCommands {
    protected final CatalogRepository repo;
    protected final CatalogInput input;
    protected final AuditLog audit;
    protected final ApplicationEventPublisher events;
    protected final Clock clock;

    CatalogCommands(
            CatalogRepository repo, CatalogInput input, AuditLog audit, ApplicationEventPublisher events, Clock clock) {
        this.repo = repo;
        this.input = input;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }
}
