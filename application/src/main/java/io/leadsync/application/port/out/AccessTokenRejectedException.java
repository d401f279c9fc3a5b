package io.leadsync.application.port.out;

/** The CRM refused the access token (expired or revoked): refresh it once and try again. */
public final class AccessTokenRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AccessTokenRejectedException(String message) {
        super(message);
    }
}
