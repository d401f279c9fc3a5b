package io.leadsync.application.port.in.connect;

/**
 * A connect could not complete: unknown or expired state, access denied at the CRM, a refused code, or the CRM being
 * unavailable. The message is meant for the admin who tried.
 */
public final class ConnectFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean worthRetrying;

    public ConnectFailedException(String message, boolean worthRetrying) {
        super(message);
        this.worthRetrying = worthRetrying;
    }

    /** Whether starting the connect again may work (the CRM was unavailable) rather than fail the same way. */
    public boolean worthRetrying() {
        return worthRetrying;
    }
}
