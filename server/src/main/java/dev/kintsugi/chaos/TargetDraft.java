package dev.kintsugi.chaos;

import java.util.List;

/** A new target: {@code url} for PROXY (admin API), HTTP and CHAOS_MONKEY; namespace and labels for KUBERNETES. */
public record TargetDraft(
        TargetKind kind, String name, String url, List<String> proxies, String namespace, String labels) {}
