package io.leadsync.adapters.out.mail;

import io.leadsync.application.port.out.AlertNotSentException;
import io.leadsync.application.port.out.Mailer;
import io.leadsync.domain.lead.EmailAddress;
import jakarta.inject.Singleton;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Properties;

/**
 * Plain-text alert e-mails through Jakarta Mail (Eclipse Angus), one message to all recipients. STARTTLS is
 * required when chosen (never silently plain), and every socket operation has the configured timeout, so a stuck
 * server cannot hold the alert job.
 */
@Singleton
final class SmtpMailer implements Mailer {
    private final SmtpSettings settings;
    private final Session session;

    SmtpMailer(SmtpSettings settings) {
        this.settings = settings;
        this.session = settings.host().map(host -> Session.getInstance(properties(settings, host),
                authenticator(settings))).orElse(null);
    }

    @Override
    public boolean configured() {
        return session != null;
    }

    @Override
    public void send(List<EmailAddress> to, String subject, String text) {
        if (session == null) {
            throw new AlertNotSentException("no SMTP server is configured (LEADSYNC_SMTP_HOST)");
        }
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(settings.from()));
            InternetAddress[] recipients = new InternetAddress[to.size()];
            for (int i = 0; i < to.size(); i++) {
                recipients[i] = new InternetAddress(to.get(i).value());
            }
            message.setRecipients(Message.RecipientType.TO, recipients);
            message.setSubject(subject, StandardCharsets.UTF_8.name());
            message.setText(text, StandardCharsets.UTF_8.name());
            message.setSentDate(new Date());
            message.setHeader("Auto-Submitted", "auto-generated");
            Transport.send(message);
        } catch (MessagingException e) {
            throw new AlertNotSentException("the SMTP server " + settings.host().orElse("?") + " refused the "
                    + "message: " + e.getMessage());
        }
    }

    private static Properties properties(SmtpSettings settings, String host) {
        Properties properties = new Properties();
        String protocol = settings.security() == SmtpSettings.Security.TLS ? "smtps" : "smtp";
        String prefix = "mail." + protocol + ".";
        properties.put("mail.transport.protocol", protocol);
        properties.put(prefix + "host", host);
        properties.put(prefix + "port", String.valueOf(settings.port()));
        properties.put(prefix + "auth", String.valueOf(settings.username().isPresent()));
        String millis = String.valueOf(settings.timeout().toMillis());
        properties.put(prefix + "connectiontimeout", millis);
        properties.put(prefix + "timeout", millis);
        properties.put(prefix + "writetimeout", millis);
        if (settings.security() == SmtpSettings.Security.STARTTLS) {
            properties.put(prefix + "starttls.enable", "true");
            properties.put(prefix + "starttls.required", "true");
        }
        if (settings.security() != SmtpSettings.Security.NONE) {
            properties.put(prefix + "ssl.checkserveridentity", "true");
        }
        return properties;
    }

    private static Authenticator authenticator(SmtpSettings settings) {
        if (settings.username().isEmpty()) {
            return null;
        }
        String user = settings.username().get();
        String password = settings.password().orElse("");
        return new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(user, password);
            }
        };
    }
}
