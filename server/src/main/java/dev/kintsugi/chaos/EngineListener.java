package dev.kintsugi.chaos;

import dev.kintsugi.experiment.Fault;
import dev.kintsugi.experiment.ProgressListener;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The engine's progress, told to the module's {@link Engine.Callbacks}: activities as {@link Engine.Step}s, their ends, probes checked, faults injected, renewed and removed. */
final class EngineListener {
    private EngineListener() {}

    static ProgressListener of(Engine.Callbacks callbacks) {
        if (callbacks == null) {
            return ProgressListener.NONE;
        }
        return new ProgressListener() {
            @Override
            public void activityStarted(String section, JsonNode activity) {
                callbacks.started(EngineSteps.step(section, activity));
            }

            @Override
            public void activityFinished(String section, JsonNode run) {
                String output = run.path("output").isMissingNode()
                        ? null
                        : run.path("output").isString()
                                ? run.path("output").asString()
                                : run.path("output").toString();
                if (run.has("exception")) {
                    output = run.path("exception").toString();
                }
                if (output != null && output.length() > 1900) {
                    output = output.substring(0, 1900) + "…";
                }
                callbacks.finished(new Engine.StepEnd(
                        section,
                        run.path("activity").path("name").asString(""),
                        run.path("status").asString(""),
                        output,
                        run.path("tolerance_met").isBoolean()
                                ? run.path("tolerance_met").asBoolean()
                                : null));
            }

            @Override
            public void probeChecked(String section, JsonNode run, JsonNode tolerance, boolean met) {
                callbacks.probeChecked(
                        section,
                        run.path("activity").path("name").asString(""),
                        tolerance == null || tolerance.isMissingNode() ? null : tolerance.toString(),
                        met);
            }

            @Override
            public void faultInjecting(Fault f) {
                Map<String, String> t = f.target();
                String api = t.getOrDefault("api_url", t.get("actuator_url"));
                callbacks.faultInjecting(new Engine.FaultRecord(
                        f.key(), f.kind(), f.description(), api, t.get("proxy"), t.get("toxic"), f.toJson()));
            }

            @Override
            public void faultInjected(Fault f) {
                callbacks.faultInjected(f.key(), f.leaseExpiry());
            }

            @Override
            public void faultRenewed(Fault f) {
                callbacks.faultRenewed(f.key(), f.leaseExpiry());
            }

            @Override
            public void faultRemoved(Fault f, String error) {
                callbacks.faultRemoved(f.key(), error);
            }
        };
    }
}
