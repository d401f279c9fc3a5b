package io.leadsync.adapters.out.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.leadsync.application.port.out.AlertNotSentException;
import io.leadsync.domain.lead.EmailAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The mailer against GreenMail, a real SMTP server on a random port. */
class SmtpMailerIT {
    private GreenMail smtp;

    @BeforeEach
    void start() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    @Test
    void an_alert_reaches_every_recipient_with_its_subject_and_text() throws Exception {
        SmtpMailer mailer = new SmtpMailer(settings(smtp.getSmtp().getPort()));

        mailer.send(List.of(new EmailAddress("ops@acme.example"), new EmailAddress("cto@acme.example")),
                "[LeadSync] Salesforce (Acme Corp) has stopped syncing", "Pulls stopped: déjà vu.");

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(2);
        assertThat(received[0].getSubject()).isEqualTo("[LeadSync] Salesforce (Acme Corp) has stopped syncing");
        assertThat(String.valueOf(received[0].getContent())).contains("Pulls stopped: déjà vu.");
        assertThat(received[0].getFrom()[0].toString()).isEqualTo("leadsync@acme.example");
        assertThat(received[0].getHeader("Auto-Submitted")).containsExactly("auto-generated");
    }

    @Test
    void a_server_that_is_not_there_is_reported_not_swallowed() {
        int port = smtp.getSmtp().getPort();
        smtp.stop();
        SmtpMailer mailer = new SmtpMailer(settings(port));

        assertThatThrownBy(() -> mailer.send(List.of(new EmailAddress("ops@acme.example")), "s", "t"))
                .isInstanceOf(AlertNotSentException.class).hasMessageContaining("127.0.0.1");
    }

    @Test
    void without_a_host_nothing_is_configured_and_sending_says_why() {
        SmtpMailer mailer = new SmtpMailer(new SmtpSettings(Optional.empty(), 587, SmtpSettings.Security.STARTTLS,
                Optional.empty(), Optional.empty(), "leadsync@acme.example", Duration.ofSeconds(5)));

        assertThat(mailer.configured()).isFalse();
        assertThatThrownBy(() -> mailer.send(List.of(new EmailAddress("ops@acme.example")), "s", "t"))
                .isInstanceOf(AlertNotSentException.class).hasMessageContaining("LEADSYNC_SMTP_HOST");
    }

    private static SmtpSettings settings(int port) {
        return new SmtpSettings(Optional.of("127.0.0.1"), port, SmtpSettings.Security.NONE, Optional.empty(),
                Optional.empty(), "leadsync@acme.example", Duration.ofSeconds(5));
    }
}
