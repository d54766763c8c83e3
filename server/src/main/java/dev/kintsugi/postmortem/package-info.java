/**
 * Blameless post-mortems: drafting from resolved incidents, contributing factors, countermeasures tracked to
 * done, the language check, review and publication.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Post-mortem")
package dev.kintsugi.postmortem;
