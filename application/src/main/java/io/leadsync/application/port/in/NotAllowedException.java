package io.leadsync.application.port.in;

/** The user's role in the workspace does not allow what they asked for. */
public final class NotAllowedException extends RuntimeException {
    public NotAllowedException(String message) {
        super(message);
    }
}
