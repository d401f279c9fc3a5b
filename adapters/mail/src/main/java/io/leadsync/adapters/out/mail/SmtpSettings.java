package io.leadsync.adapters.out.mail;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the installation's SMTP server is and how to talk to it. {@code host} empty: no e-mail. {@code security}:
 * {@code STARTTLS} (required, port 587), {@code TLS} (implicit, port 465) or {@code NONE} (a relay on a trusted
 * network, and tests). Built in bootstrap from {@code leadsync.smtp.*}.
 */
public record SmtpSettings(Optional<String> host, int port, Security security, Optional<String> username,
                           Optional<String> password, String from, Duration timeout) {
    public enum Security {
        STARTTLS,
        TLS,
        NONE
    }

    public SmtpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(timeout, "timeout");
        host = host.map(String::strip).filter(text -> !text.isEmpty());
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("leadsync.smtp.port must be 1..65535");
        }
    }

    @Override
    public String toString() {
        return "SmtpSettings[" + host.orElse("none") + ":" + port + ", " + security + ", user "
                + username.orElse("none") + ", password " + (password.isPresent() ? "***" : "none") + "]";
    }
}
