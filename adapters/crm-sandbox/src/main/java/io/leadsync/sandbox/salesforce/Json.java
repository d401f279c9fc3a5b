package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/** The one ObjectMapper of the sandbox; bodies are handled as trees because Salesforce's shapes are dynamic. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    static ArrayNode strings(Collection<String> values) {
        ArrayNode array = array();
        values.forEach(array::add);
        return array;
    }

    /** Parses a REST body the way Salesforce reports an unparseable one: 400 JSON_PARSER_ERROR. */
    static JsonNode parse(byte[] body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new ApiException(400, ApiError.of("JSON_PARSER_ERROR",
                        "The HTTP entity body is required, but this request has no entity body."));
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new ApiException(400, ApiError.of("JSON_PARSER_ERROR", e.getOriginalMessage()));
        } catch (java.io.IOException e) {
            throw new ApiException(400, ApiError.of("JSON_PARSER_ERROR", e.getMessage()));
        }
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(JsonNode node) {
        return new String(bytes(node), StandardCharsets.UTF_8);
    }
}
