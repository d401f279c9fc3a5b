package io.leadsync.application.port.in.administer;

/** A user could not be added: {@code field} breaks the rule in the message. */
public final class InvalidMemberException extends RuntimeException {
    private final String field;

    public InvalidMemberException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
