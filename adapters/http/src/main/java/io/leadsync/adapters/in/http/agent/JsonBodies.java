package io.leadsync.adapters.in.http.agent;

import io.leadsync.adapters.in.http.problem.BadRequestException;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Reads a request body as a JSON tree, so every member's JSON type can be checked before anything is converted. */
public final class JsonBodies {
    private JsonBodies() {
    }

    /**
     * The body as text, refused when it is not valid UTF-8: a lenient decoder would store U+FFFD in place of the bad
     * bytes, and the lead would reach the CRMs with characters the agent never sent (RFC 8259 requires UTF-8).
     *
     * @throws BadRequestException when the bytes are not valid UTF-8
     */
    public static String utf8(byte[] body) {
        if (body == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw BadRequestException.malformed("The request body is not valid UTF-8.");
        }
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
