package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One entry of Salesforce's error array. The same error is spelt {@code errorCode} in a REST error body but
 * {@code statusCode} inside a per-record collection result, so the key is chosen when it is written.
 */
record ApiError(String code, String message, List<String> fields, ObjectNode duplicateResult) {

    static final String NOT_FOUND_MESSAGE = "The requested resource does not exist";

    ApiError {
        fields = fields == null ? null : List.copyOf(fields);
    }

    ApiError(String code, String message, List<String> fields) {
        this(code, message, fields, null);
    }

    /** A duplicate rule's refusal, with its {@code duplicateResult} (digest section 3.1). */
    static ApiError duplicates(ObjectNode duplicateResult) {
        return new ApiError("DUPLICATES_DETECTED", duplicateResult.path("errorMessage").asText(), List.of(),
                duplicateResult);
    }

    static ApiError of(String code, String message) {
        return new ApiError(code, message, null);
    }

    static ApiError of(String code, String message, List<String> fields) {
        return new ApiError(code, message, fields);
    }

    ObjectNode toRestJson() {
        return write("errorCode");
    }

    /**
     * A per-record error of sObject Collections: only {@code statusCode}, {@code message} and {@code fields}, as
     * Salesforce documents it (digest section 16); a duplicate rule's {@code duplicateResult} is not among them, so
     * a client must find the matching records with a query.
     */
    ObjectNode toRecordJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("statusCode", code);
        node.put("message", message);
        node.set("fields", Json.strings(fields == null ? List.of() : fields));
        return node;
    }

    private ObjectNode write(String codeKey) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("message", message);
        node.put(codeKey, code);
        if (fields != null) {
            node.set("fields", Json.strings(fields));
        }
        if (duplicateResult != null) {
            node.set("duplicateResult", duplicateResult.deepCopy());
        }
        return node;
    }
}
