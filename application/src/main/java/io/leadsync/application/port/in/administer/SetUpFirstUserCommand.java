package io.leadsync.application.port.in.administer;

/** The first owner's email, and their password when configured (null: generate one). */
public record SetUpFirstUserCommand(String email, String password) {
    @Override
    public String toString() {
        return "SetUpFirstUserCommand[" + email + "]";
    }
}
