package io.leadsync.application.port.out;

/** The CRM refused the connection's refresh token for good: an admin must connect again. */
public final class ReauthorizationRequiredException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReauthorizationRequiredException(String message) {
        super(message);
    }

    public ReauthorizationRequiredException(String message, Throwable cause) {
        super(message, cause);
    }
}
