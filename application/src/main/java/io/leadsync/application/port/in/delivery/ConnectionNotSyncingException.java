package io.leadsync.application.port.in.delivery;

/** The connection cannot sync now: it is not CONNECTED (needs setup, needs re-authorisation, paused, disconnected). */
public final class ConnectionNotSyncingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConnectionNotSyncingException(String message) {
        super(message);
    }
}
