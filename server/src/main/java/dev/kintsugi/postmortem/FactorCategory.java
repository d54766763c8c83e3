package dev.kintsugi.postmortem;

/** Where a contributing factor lives. Never "who". */
public enum FactorCategory {
    TECHNICAL,
    PROCESS,
    COMMUNICATION,
    TOOLING,
    ENVIRONMENT,
    KNOWLEDGE
}
