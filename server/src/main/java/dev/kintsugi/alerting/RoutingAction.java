package dev.kintsugi.alerting;

/**
 * What a new alert group does: open a new incident, attach to the open incident of one of its services (opening one
 * when there is none), or notify only (no incident).
 */
public enum RoutingAction {
    OPEN_INCIDENT,
    ATTACH,
    NOTIFY_ONLY
}
