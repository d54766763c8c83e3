package dev.kintsugi.alerting.web;

import dev.kintsugi.alerting.AlertDefinition;
import dev.kintsugi.alerting.DefinitionDraft;
import dev.kintsugi.alerting.LabelMatcher;
import dev.kintsugi.alerting.RoutingAction;
import dev.kintsugi.alerting.SeverityMapping;

/** The definition form's fields as typed. */
public class DefinitionForm {
    private String name;
    private String ownerTeam;
    private String matchers;
    private String severityMapping;
    private String routing;
    private String runbook;
    private Integer expectedMinutes;

    static DefinitionForm of(DefinitionDraft d) {
        DefinitionForm f = new DefinitionForm();
        f.name = d.name();
        f.ownerTeam = d.ownerTeam();
        f.matchers = d.matchers();
        f.severityMapping = d.severityMapping();
        f.routing = d.routing() == null ? "" : d.routing().name();
        f.runbook = d.runbook();
        f.expectedMinutes = d.expectedMinutes();
        return f;
    }

    static DefinitionForm of(AlertDefinition d, String team) {
        return of(new DefinitionDraft(
                d.name(),
                team,
                String.join(
                        ", ", d.matchers().stream().map(LabelMatcher::toString).toList()),
                SeverityMapping.format(d.severityMapping()),
                d.routing(),
                d.runbook(),
                d.expectedMinutes()));
    }

    DefinitionDraft toDraft() {
        RoutingAction r = null;
        if (routing != null && !routing.isBlank()) {
            try {
                r = RoutingAction.valueOf(routing);
            } catch (IllegalArgumentException e) {
                throw new dev.kintsugi.platform.InvalidInputException("routing", "unknown routing");
            }
        }
        return new DefinitionDraft(name, ownerTeam, matchers, severityMapping, r, runbook, expectedMinutes);
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getOwnerTeam() {
        return ownerTeam;
    }

    public void setOwnerTeam(String ownerTeam) {
        this.ownerTeam = ownerTeam;
    }

    public String getMatchers() {
        return matchers;
    }

    public void setMatchers(String matchers) {
        this.matchers = matchers;
    }

    public String getSeverityMapping() {
        return severityMapping;
    }

    public void setSeverityMapping(String severityMapping) {
        this.severityMapping = severityMapping;
    }

    public String getRouting() {
        return routing;
    }

    public void setRouting(String routing) {
        this.routing = routing;
    }

    public String getRunbook() {
        return runbook;
    }

    public void setRunbook(String runbook) {
        this.runbook = runbook;
    }

    public Integer getExpectedMinutes() {
        return expectedMinutes;
    }

    public void setExpectedMinutes(Integer expectedMinutes) {
        this.expectedMinutes = expectedMinutes;
    }
}
