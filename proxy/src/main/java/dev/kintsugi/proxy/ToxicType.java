package dev.kintsugi.proxy;

import dev.kintsugi.proxy.toxics.BandwidthToxic;
import dev.kintsugi.proxy.toxics.HttpErrorToxic;
import dev.kintsugi.proxy.toxics.LatencyToxic;
import dev.kintsugi.proxy.toxics.LimitDataToxic;
import dev.kintsugi.proxy.toxics.NoopToxic;
import dev.kintsugi.proxy.toxics.ResetPeerToxic;
import dev.kintsugi.proxy.toxics.SlicerToxic;
import dev.kintsugi.proxy.toxics.SlowCloseToxic;
import dev.kintsugi.proxy.toxics.TimeoutToxic;
import dev.kintsugi.proxy.toxics.Toxic;
import java.util.List;
import java.util.function.Function;

/** The toxics this proxy knows, with Toxiproxy's names, attributes, defaults, and sane bounds. */
public enum ToxicType {
    NOOP("noop", List.of(), spec -> new NoopToxic()),
    LATENCY(
            "latency",
            List.of(Attribute.number("latency", 0, 3_600_000L), Attribute.number("jitter", 0, 3_600_000L)),
            LatencyToxic::new),
    BANDWIDTH("bandwidth", List.of(Attribute.number("rate", 0, 100_000_000L)), BandwidthToxic::new),
    SLOW_CLOSE("slow_close", List.of(Attribute.number("delay", 0, 3_600_000L)), SlowCloseToxic::new),
    TIMEOUT("timeout", List.of(Attribute.number("timeout", 0, 86_400_000L)), TimeoutToxic::new),
    RESET_PEER("reset_peer", List.of(Attribute.number("timeout", 0, 86_400_000L)), ResetPeerToxic::new),
    SLICER(
            "slicer",
            List.of(
                    Attribute.number("average_size", 0, 1L << 24),
                    Attribute.number("size_variation", 0, 1L << 24),
                    Attribute.number("delay", 0, 60_000_000L)),
            SlicerToxic::new),
    LIMIT_DATA("limit_data", List.of(Attribute.number("bytes", 0, Long.MAX_VALUE)), LimitDataToxic::new),
    HTTP_ERROR(
            "http_error",
            List.of(
                    new Attribute("status_code", Kind.NUMBER, 503L, 100, 599),
                    new Attribute("probability", Kind.FRACTION, 1.0, 0, 1),
                    new Attribute("body", Kind.TEXT, "", 0, 65_536)),
            HttpErrorToxic::new);

    private final String json;
    private final List<Attribute> attributes;
    private final Function<ToxicSpec, Toxic> factory;

    ToxicType(String json, List<Attribute> attributes, Function<ToxicSpec, Toxic> factory) {
        this.json = json;
        this.attributes = attributes;
        this.factory = factory;
    }

    public String json() {
        return json;
    }

    public List<Attribute> attributes() {
        return attributes;
    }

    Toxic create(ToxicSpec spec) {
        return factory.apply(spec);
    }

    static ToxicType parse(String text) {
        for (ToxicType type : values()) {
            if (type.json.equals(text)) {
                return type;
            }
        }
        throw ApiException.badRequest("invalid toxic type: " + Names.clip(text));
    }

    enum Kind {
        NUMBER,
        FRACTION,
        TEXT
    }

    /** One attribute: its JSON name, kind, default and inclusive bounds (length bounds for text). */
    public record Attribute(String name, Kind kind, Object defaultValue, long min, long max) {
        static Attribute number(String name, long min, long max) {
            return new Attribute(name, Kind.NUMBER, 0L, min, max);
        }
    }
}
