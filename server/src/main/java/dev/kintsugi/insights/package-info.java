/**
 * Insights: are we getting better? Time to detect, acknowledge, mitigate and resolve, customer impact and MTBF,
 * trends per week or month, post-mortem timeliness, countermeasure completion, alert noise, data quality and weak
 * signals. A read model (tables {@code insights_*}) kept from the other modules' events and rebuilt from their
 * facades on demand; nothing depends on this module. Facade: {@link dev.kintsugi.insights.Insights}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Insights")
package dev.kintsugi.insights;
