package io.leadsync.application.port.in.administer;

/** The first owner just created; {@code generatedPassword} is null when the password was configured. */
public record FirstUser(String email, String generatedPassword) {
    @Override
    public String toString() {
        return "FirstUser[" + email + "]";
    }
}
