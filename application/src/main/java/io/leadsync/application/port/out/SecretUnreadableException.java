package io.leadsync.application.port.out;

/** A stored secret cannot be decrypted: it was altered, moved to another record, or its key is gone. */
public final class SecretUnreadableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SecretUnreadableException(String message) {
        super(message);
    }

    public SecretUnreadableException(String message, Throwable cause) {
        super(message, cause);
    }
}
