package io.leadsync.application.port.in;

/** The workspace has no connection with this id (another workspace's connection is not found either). */
public final class ConnectionNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConnectionNotFoundException(String connectionId) {
        super("no connection " + connectionId);
    }
}
