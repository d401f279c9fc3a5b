package io.leadsync.adapters.in.http.agent;

import io.leadsync.adapters.in.http.problem.BadRequestException;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;

/** Reads a request body as a JSON tree, so every member's JSON type can be checked before anything is converted. */
public final class JsonBodies {
    private JsonBodies() {
    }

    /** @throws BadRequestException when the body is empty, not JSON, or not a JSON object */
    public static JsonNode readObject(JsonMapper json, String body) {
        if (body == null || body.isBlank()) {
            throw BadRequestException.malformed("The request body is empty; send a JSON object.");
        }
        JsonNode tree;
        try {
            tree = json.readValue(body, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            // The parser's message quotes the body back; say only where the body stopped being JSON.
            throw BadRequestException.malformed("The request body is not valid JSON.");
        }
        if (tree == null || !tree.isObject()) {
            throw BadRequestException.malformed("The request body must be a JSON object.");
        }
        return tree;
    }
}
