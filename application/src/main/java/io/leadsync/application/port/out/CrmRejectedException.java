package io.leadsync.application.port.out;

/** The CRM refused a request for a reason retrying cannot fix; the message is the CRM's own, for the admin. */
public final class CrmRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CrmRejectedException(String message) {
        super(message);
    }

    public CrmRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
