/**
 * Incident response: declaration, severity, the status machine, roles, milestones, the live timeline and
 * status updates. Its facade is {@link dev.kintsugi.incident.IncidentManagement}; other modules listen to its
 * events ({@link dev.kintsugi.incident.IncidentDeclared}, {@link dev.kintsugi.incident.IncidentResolved}, ...:
 * one per state change, each an {@link dev.kintsugi.incident.IncidentEvent} naming the incident, its services
 * and their teams) and may veto closing through {@link dev.kintsugi.incident.ClosurePolicy}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Incident")
package dev.kintsugi.incident;
