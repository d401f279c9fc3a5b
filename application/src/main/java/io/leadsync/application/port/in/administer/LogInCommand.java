package io.leadsync.application.port.in.administer;

/** An email and password typed on the login page. */
public record LogInCommand(String email, String password) {
    @Override
    public String toString() {
        return "LogInCommand[" + email + "]";
    }
}
