package io.leadsync.application.port.in.administer;

/** A login through the login page, from a client address (the throttle counts failures per account and address). */
public record LogInAttempt(String email, String password, String clientAddress) {
    @Override
    public String toString() {
        return "LogInAttempt[" + email + " from " + clientAddress + "]";
    }
}
