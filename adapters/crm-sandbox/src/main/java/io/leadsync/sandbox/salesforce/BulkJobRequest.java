package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * A Bulk API 2.0 job definition as Salesforce accepts it at create (digest section 13): object, operation, content
 * type, line ending, column delimiter and, for an upsert, an external id field the user can see.
 */
record BulkJobRequest(String object, String operation, String externalIdFieldName, String lineEnding,
        String columnDelimiter, Character delimiter, String assignmentRuleId) {

    /** The request body checked; refusals are 400 error arrays and nothing is stored. */
    static BulkJobRequest of(SalesforceOrg org, SandboxUser user, JsonNode body) {
        if (!body.isObject()) {
            throw new ApiException(400, ApiError.of("JSON_PARSER_ERROR", "The request body must be a JSON object"));
        }
        String objectName = text(body, "object");
        String operation = text(body, "operation");
        if (objectName == null) {
            throw invalidJob("InvalidJob : Object is required");
        }
        if (operation == null || !BulkIngest.OPERATIONS.contains(operation)) {
            throw invalidJob("InvalidJob : Invalid operation: " + operation);
        }
        if ("hardDelete".equals(operation)) {
            // The sandbox has no "Bulk API Hard Delete" permission to grant (not modelled).
            throw new ApiException(400, ApiError.of("FEATURENOTENABLED",
                    "hardDelete is not available in the sandbox: the Bulk API Hard Delete permission is not modelled"));
        }
        String contentType = Optional.ofNullable(text(body, "contentType")).orElse("CSV");
        if (!"CSV".equals(contentType)) {
            throw invalidJob("InvalidJob : Unsupported content type: " + contentType + ". Only CSV is supported");
        }
        String lineEnding = Optional.ofNullable(text(body, "lineEnding")).orElse("LF");
        if (!"LF".equals(lineEnding) && !"CRLF".equals(lineEnding)) {
            throw invalidJob("InvalidJob : Invalid lineEnding: " + lineEnding);
        }
        String columnDelimiter = Optional.ofNullable(text(body, "columnDelimiter")).orElse("COMMA");
        Character delimiter = BulkCsv.delimiter(columnDelimiter);
        if (delimiter == null) {
            throw invalidJob("InvalidJob : Invalid columnDelimiter: " + columnDelimiter);
        }
        String object;
        try {
            object = org.bulkObject(objectName);
        } catch (ApiException e) {
            throw new ApiException(400, ApiError.of("INVALIDENTITY", "InvalidEntity : sObject type '" + objectName
                    + "' is not supported"));
        }
        String externalIdFieldName = text(body, "externalIdFieldName");
        if ("upsert".equals(operation)) {
            if (externalIdFieldName == null || externalIdFieldName.isBlank()) {
                throw invalidJob("InvalidJob : External ID was blank for " + object
                        + ". An External ID must be specified for upsert.");
            }
            String requested = externalIdFieldName;
            externalIdFieldName = org.bulkExternalIdField(user, object, requested).orElseThrow(() -> invalidJob(
                    "InvalidJob : Field name provided, " + requested + " does not match an External ID, Salesforce"
                            + " Id, or indexed field for " + object));
        } else {
            externalIdFieldName = null;
        }
        return new BulkJobRequest(object, operation, externalIdFieldName, lineEnding, columnDelimiter, delimiter,
                text(body, "assignmentRuleId"));
    }

    static String text(JsonNode body, String name) {
        JsonNode value = body.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static ApiException invalidJob(String message) {
        return new ApiException(400, ApiError.of(BulkIngest.INVALID_JOB, message));
    }
}
