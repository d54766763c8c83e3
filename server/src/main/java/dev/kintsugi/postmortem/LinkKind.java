package dev.kintsugi.postmortem;

public enum LinkKind {
    TICKET,
    FORUM,
    CHAT,
    DASHBOARD,
    OTHER
}
