package io.leadsync.sandbox.salesforce;

/** A token-endpoint failure: HTTP 400 {@code {"error":..., "error_description":...}}. */
final class OAuthError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String error;
    private final String description;

    OAuthError(String error, String description) {
        super(error + ": " + description, null, false, false);
        this.error = error;
        this.description = description;
    }

    String error() {
        return error;
    }

    String description() {
        return description;
    }
}
