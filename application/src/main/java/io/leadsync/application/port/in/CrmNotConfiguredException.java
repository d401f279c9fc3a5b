package io.leadsync.application.port.in;

/** This installation has no credentials for that kind of CRM (no connected app or OAuth app configured). */
public final class CrmNotConfiguredException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CrmNotConfiguredException(String message) {
        super(message);
    }
}
