package io.leadsync.adapters.in.http.problem;

import io.micronaut.http.HttpStatus;

/**
 * The problem types LeadSync defines. Errors that need nothing beyond their HTTP status use {@code about:blank},
 * as RFC 9457 recommends, with the status's reason phrase as the title.
 */
public enum ProblemType {
    INVALID_LEAD("invalid-lead", "The lead has invalid fields", HttpStatus.UNPROCESSABLE_ENTITY),
    INVALID_REQUEST("invalid-request", "The request has invalid fields", HttpStatus.UNPROCESSABLE_ENTITY),
    INVALID_TARGETS("invalid-targets", "A target cannot take this action", HttpStatus.UNPROCESSABLE_ENTITY),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", "The Idempotency-Key was used for another request",
            HttpStatus.UNPROCESSABLE_ENTITY),
    IDEMPOTENCY_KEY_IN_USE("idempotency-key-in-use", "A request with this Idempotency-Key is still running",
            HttpStatus.CONFLICT),
    DUPLICATE_LEAD("duplicate-lead", "The lead duplicates an existing lead", HttpStatus.CONFLICT),
    MALFORMED_REQUEST("malformed-request", "The request cannot be read", HttpStatus.BAD_REQUEST),
    INVALID_PARAMETERS("invalid-parameters", "The query has invalid parameters", HttpStatus.BAD_REQUEST),
    UNAUTHENTICATED("unauthenticated", "A valid API key is required", HttpStatus.UNAUTHORIZED),
    LEAD_NOT_FOUND("lead-not-found", "No such lead", HttpStatus.NOT_FOUND),
    CONNECTION_NOT_FOUND("connection-not-found", "No such connection", HttpStatus.NOT_FOUND),
    CONNECTION_NOT_SYNCING("connection-not-syncing", "The connection cannot sync now", HttpStatus.CONFLICT),
    CRM_NOT_CONFIGURED("crm-not-configured", "This kind of CRM is not configured", HttpStatus.CONFLICT),
    CRM_CALL_FAILED("crm-call-failed", "The CRM failed or could not be reached", HttpStatus.BAD_GATEWAY),
    BODY_TOO_LARGE("body-too-large", "The request body is too large", HttpStatus.REQUEST_ENTITY_TOO_LARGE),
    INTERNAL_ERROR("internal-error", "Something went wrong on our side", HttpStatus.INTERNAL_SERVER_ERROR);

    private static final String BASE = "https://leadsync.io/problems/";

    private final String slug;
    private final String title;
    private final HttpStatus status;

    ProblemType(String slug, String title, HttpStatus status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public String uri() {
        return BASE + slug;
    }

    public String title() {
        return title;
    }

    public HttpStatus status() {
        return status;
    }
}
