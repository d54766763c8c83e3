package dev.kintsugi.gameday;

import java.util.Map;

/**
 * What an inject is made of, as typed: a title, its kind and what it needs (an experiment's id; a fault of the
 * chaos catalogue with its service, chaos target and parameter values; a text), and when ({@code offsetMinutes}
 * after the start, null for by hand).
 */
public record InjectDraft(
        String title,
        InjectKind kind,
        Long experimentId,
        String body,
        Integer offsetMinutes,
        String fault,
        String service,
        Long targetId,
        Map<String, Integer> parameters) {

    public static InjectDraft experiment(String title, long experimentId, String body, Integer offsetMinutes) {
        return new InjectDraft(title, InjectKind.EXPERIMENT, experimentId, body, offsetMinutes, null, null, null, null);
    }

    public static InjectDraft tabletop(String title, String body, Integer offsetMinutes) {
        return new InjectDraft(title, InjectKind.TABLETOP, null, body, offsetMinutes, null, null, null, null);
    }

    public static InjectDraft fault(
            String title,
            String fault,
            String service,
            Long targetId,
            Map<String, Integer> parameters,
            Integer offsetMinutes) {
        return new InjectDraft(
                title, InjectKind.FAULT, null, null, offsetMinutes, fault, service, targetId, parameters);
    }
}
