package dev.kintsugi.oncall.notify;

/**
 * Where a notification goes. {@code TEAMS}: a Teams Workflows webhook ("post to a channel when a webhook request is
 * received"), sent an Adaptive Card; {@code TEAMS_CONNECTOR}: a legacy Office 365 connector, sent a MessageCard.
 */
public enum Channel {
    EMAIL,
    SLACK,
    MATTERMOST,
    TEAMS,
    WEBHOOK,
    TEAMS_CONNECTOR
}
