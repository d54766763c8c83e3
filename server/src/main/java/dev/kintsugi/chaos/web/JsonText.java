package dev.kintsugi.chaos.web;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Stored JSON text as a tree in API answers (so clients get the experiment and journal as JSON, not a string). */
final class JsonText {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonText() {}

    static JsonNode tree(String json) {
        return json == null ? null : JSON.readTree(json);
    }
}
