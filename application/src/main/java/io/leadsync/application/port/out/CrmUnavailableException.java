package io.leadsync.application.port.out;

/** The CRM could not be reached or failed (5xx, timeout); the same request may succeed later. */
public class CrmUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CrmUnavailableException(String message) {
        super(message);
    }

    public CrmUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
