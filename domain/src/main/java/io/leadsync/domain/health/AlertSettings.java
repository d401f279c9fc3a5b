package io.leadsync.domain.health;

import io.leadsync.domain.lead.EmailAddress;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who hears about a workspace's connections in trouble: e-mail recipients and/or a chat webhook (Slack-compatible),
 * and from how many failed leads a degraded connection is worth an alert. Needing re-auth and failing always are.
 */
public record AlertSettings(List<EmailAddress> emails, Optional<URI> chatWebhook, int failedLeadsThreshold) {
    public static final int DEFAULT_THRESHOLD = 10;
    public static final int MAX_EMAILS = 20;
    public static final AlertSettings NONE = new AlertSettings(List.of(), Optional.empty(), DEFAULT_THRESHOLD);

    public AlertSettings {
        emails = List.copyOf(Objects.requireNonNull(emails, "emails"));
        Objects.requireNonNull(chatWebhook, "chatWebhook");
        if (failedLeadsThreshold < 1 || failedLeadsThreshold > 1_000_000) {
            throw new IllegalArgumentException("failedLeadsThreshold must be 1..1000000");
        }
        if (emails.size() > MAX_EMAILS) {
            throw new IllegalArgumentException("at most " + MAX_EMAILS + " recipients");
        }
    }

    /** Whether anyone would hear an alert. */
    public boolean anyone() {
        return !emails.isEmpty() || chatWebhook.isPresent();
    }

    @Override
    public String toString() {
        // A chat webhook's URL carries its token: never in a log.
        return "AlertSettings[" + emails.size() + " email(s), chat webhook " + (chatWebhook.isPresent() ? "set" : "none")
                + ", threshold " + failedLeadsThreshold + "]";
    }
}
