package io.leadsync.application.port.in;

/**
 * The CRM failed, could not be reached or refused the call, so an admin action on a connection could not be
 * completed; nothing about the connection changed. The message carries the CRM's own reason.
 */
public final class CrmCallFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CrmCallFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
