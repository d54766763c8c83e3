package dev.kintsugi.oncall.notify;

/** Where a notification goes. */
public enum Channel {
    EMAIL,
    SLACK,
    MATTERMOST,
    TEAMS,
    WEBHOOK
}
