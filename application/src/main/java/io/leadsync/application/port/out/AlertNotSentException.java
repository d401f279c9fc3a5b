package io.leadsync.application.port.out;

/** An alert did not reach its channel; the message says why (never a webhook's URL, which carries a token). */
public final class AlertNotSentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AlertNotSentException(String message) {
        super(message);
    }
}
