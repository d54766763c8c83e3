/**
 * Status page: the one public page ({@code /status}), its feeds and its Statuspage-compatible JSON, driven by the
 * incidents. Components are catalog services marked public here (this module's own tables, keyed by service id);
 * their state is derived from the published incidents on their service ({@link StateRules}), maintenance and
 * explicit overrides. Nothing reaches the page without a person publishing it: an incident appears once its
 * communications lead (or an admin) publishes a first public update from the incident page's card. Facade:
 * {@link StatusPage}. Nothing depends on this module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Status page")
package dev.kintsugi.statuspage;
