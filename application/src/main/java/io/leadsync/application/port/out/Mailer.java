package io.leadsync.application.port.out;

import io.leadsync.domain.lead.EmailAddress;

import java.util.List;

/** E-mail through the installation's SMTP server, for alerts. */
public interface Mailer {
    /** Whether this installation can send e-mail (an SMTP server is configured). */
    boolean configured();

    /** Sends one plain-text message to every recipient; {@link AlertNotSentException} when the server refused it. */
    void send(List<EmailAddress> to, String subject, String text);
}
