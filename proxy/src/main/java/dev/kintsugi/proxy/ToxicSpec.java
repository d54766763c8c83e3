package dev.kintsugi.proxy;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A toxic as configured through the API: immutable, replaced as a whole on update. {@code ttlMs}/{@code
 * expiresAt} carry the optional lease (Kintsugi's addition; absent for plain Toxiproxy clients).
 */
public record ToxicSpec(
        String name,
        ToxicType type,
        Stream stream,
        double toxicity,
        Map<String, Object> attributes,
        Long ttlMs,
        Instant expiresAt) {

    static final long MAX_TTL_MS = 7L * 86_400_000L;

    /** Same behaviour on the wire (a lease change alone keeps the per-connection state and toxicity roll). */
    boolean sameEffect(ToxicSpec other) {
        return type == other.type
                && stream == other.stream
                && toxicity == other.toxicity
                && attributes.equals(other.attributes);
    }

    public long longAttribute(String key) {
        return ((Number) attributes.get(key)).longValue();
    }

    public double doubleAttribute(String key) {
        return ((Number) attributes.get(key)).doubleValue();
    }

    public String textAttribute(String key) {
        return (String) attributes.get(key);
    }

    /** Parses a create body ({@code name, type, stream, toxicity, attributes, ttl_ms}) with Toxiproxy's defaults. */
    static ToxicSpec parse(JsonNode body, Instant now) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("bad request body: expected a JSON object");
        }
        ToxicType type = ToxicType.parse(text(body, "type", ""));
        Stream stream = Stream.parse(text(body, "stream", "downstream"));
        String name = text(body, "name", "");
        if (name.isEmpty()) {
            name = type.json() + "_" + stream.json();
        }
        Names.check("name", name);
        double toxicity = toxicity(body.get("toxicity"), 1.0);
        Map<String, Object> attributes = attributes(type, Map.of(), body.get("attributes"));
        Long ttl = ttl(body.get("ttl_ms"));
        return new ToxicSpec(name, type, stream, toxicity, attributes, ttl, ttl == null ? null : now.plusMillis(ttl));
    }

    /** Toxiproxy's update: merges {@code attributes} and {@code toxicity}; Kintsugi adds {@code ttl_ms}. */
    ToxicSpec merge(JsonNode body, Instant now) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("bad request body: expected a JSON object");
        }
        double newToxicity = toxicity(body.get("toxicity"), toxicity);
        Map<String, Object> merged = attributes(type, attributes, body.get("attributes"));
        Long ttl = body.has("ttl_ms") ? ttl(body.get("ttl_ms")) : ttlMs;
        Instant expiry = body.has("ttl_ms") ? (ttl == null ? null : now.plusMillis(ttl)) : expiresAt;
        return new ToxicSpec(name, type, stream, newToxicity, merged, ttl, expiry);
    }

    ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        ObjectNode attrs = node.putObject("attributes");
        attributes.forEach((key, value) -> {
            switch (value) {
                case Long l -> attrs.put(key, l);
                case Double d -> putNumber(attrs, key, d);
                default -> attrs.put(key, String.valueOf(value));
            }
        });
        node.put("name", name);
        node.put("type", type.json());
        node.put("stream", stream.json());
        putNumber(node, "toxicity", toxicity);
        if (ttlMs != null) {
            node.put("ttl_ms", ttlMs);
            node.put("expires_at", expiresAt.toString());
        }
        return node;
    }

    /** Go prints 1.0 as 1; clients such as the fixtures expect that. */
    private static void putNumber(ObjectNode node, String key, double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            node.put(key, (long) value);
        } else {
            node.put(key, value);
        }
    }

    private static String text(JsonNode body, String field, String fallback) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest("bad request body: " + field + " must be a string");
        }
        return node.asText();
    }

    private static double toxicity(JsonNode node, double fallback) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isNumber() || node.asDouble() < 0 || node.asDouble() > 1) {
            throw ApiException.badRequest("bad request body: toxicity must be a number between 0 and 1");
        }
        return node.asDouble();
    }

    static Long ttl(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber()
                || !node.canConvertToLong()
                || (node.isFloatingPointNumber() && node.asDouble() != Math.rint(node.asDouble()))
                || node.asLong() <= 0
                || node.asLong() > MAX_TTL_MS) {
            throw ApiException.badRequest(
                    "bad request body: ttl_ms must be a whole number between 1 and " + MAX_TTL_MS);
        }
        return node.asLong();
    }

    private static Map<String, Object> attributes(ToxicType type, Map<String, Object> base, JsonNode given) {
        if (given != null && !given.isNull() && !given.isObject()) {
            throw ApiException.badRequest("bad request body: attributes must be an object");
        }
        if (given != null && given.isObject()) {
            for (String field : given.propertyNames()) {
                if (type.attributes().stream().noneMatch(a -> a.name().equals(field))) {
                    // a typo ("latncy") would otherwise give a toxic that does nothing
                    throw ApiException.badRequest("bad request body: unknown attribute " + Names.clip(field) + " for "
                            + type.json() + " (known: "
                            + String.join(
                                    ", ",
                                    type.attributes().stream()
                                            .map(ToxicType.Attribute::name)
                                            .toList())
                            + ")");
                }
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        for (ToxicType.Attribute attribute : type.attributes()) {
            JsonNode value = given == null ? null : given.get(attribute.name());
            Object current = base.getOrDefault(attribute.name(), attribute.defaultValue());
            result.put(attribute.name(), value == null || value.isNull() ? current : convert(type, attribute, value));
        }
        if (type == ToxicType.SLICER) {
            long average = (Long) result.get("average_size");
            long variation = (Long) result.get("size_variation");
            if (average < 1 || variation >= average) {
                throw ApiException.badRequest(
                        "bad request body: slicer needs average_size >= 1 and size_variation < average_size");
            }
        }
        return Collections.unmodifiableMap(result);
    }

    private static Object convert(ToxicType type, ToxicType.Attribute attribute, JsonNode value) {
        String where = "bad request body: " + type.json() + "." + attribute.name();
        switch (attribute.kind()) {
            case NUMBER -> {
                if (!value.isNumber() || !value.canConvertToLong()) {
                    throw ApiException.badRequest(where + " must be a whole number");
                }
                long number = value.asLong();
                if (value.isFloatingPointNumber() && value.asDouble() != number) {
                    throw ApiException.badRequest(where + " must be a whole number");
                }
                if (number < attribute.min() || number > attribute.max()) {
                    throw ApiException.badRequest(
                            where + " must be between " + attribute.min() + " and " + attribute.max());
                }
                return number;
            }
            case FRACTION -> {
                if (!value.isNumber() || value.asDouble() < attribute.min() || value.asDouble() > attribute.max()) {
                    throw ApiException.badRequest(where + " must be a number between 0 and 1");
                }
                return value.asDouble();
            }
            default -> {
                if (!value.isTextual() || value.asText().length() > attribute.max()) {
                    throw ApiException.badRequest(where + " must be a string of at most " + attribute.max());
                }
                if (Names.hasControlCharacters(value.asText(), true)) {
                    throw ApiException.badRequest(
                            where + " may not contain control characters other than tab and newline");
                }
                return value.asText();
            }
        }
    }
}
