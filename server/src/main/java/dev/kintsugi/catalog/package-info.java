/**
 * The catalog: services (components) and the teams (squads) that own them, with tiers and links to runbooks,
 * dashboards and repositories. Other modules refer to services and teams by id through
 * {@link dev.kintsugi.catalog.CatalogManagement}, and hear of changes through its events
 * ({@link dev.kintsugi.catalog.ServiceCreated}, {@link dev.kintsugi.catalog.TeamUpdated},
 * {@link dev.kintsugi.catalog.ServiceOwnershipChanged}, ...).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Catalog")
package dev.kintsugi.catalog;
