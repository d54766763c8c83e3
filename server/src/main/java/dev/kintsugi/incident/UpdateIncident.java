package dev.kintsugi.incident;

import java.util.List;

/** A partial update: null fields stay as they are. */
public record UpdateIncident(
        String title, String description, Severity severity, List<String> services, Boolean privateIncident) {}
