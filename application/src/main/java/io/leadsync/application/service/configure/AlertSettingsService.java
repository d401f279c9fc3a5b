package io.leadsync.application.service.configure;

import io.leadsync.application.port.in.configure.AlertSettingsUseCase;
import io.leadsync.application.port.in.configure.InvalidSettingsException;
import io.leadsync.application.port.out.Mailer;
import io.leadsync.application.port.out.AlertSettingsStore;
import io.leadsync.application.port.out.AuditEntry;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.HostResolver;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.domain.outbound.OutboundPolicy;
import io.leadsync.domain.health.AlertSettings;
import io.leadsync.domain.lead.EmailAddress;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads and changes a workspace's alert settings, checking every field and auditing the change. */
public final class AlertSettingsService implements AlertSettingsUseCase {
    private final AlertSettingsStore store;
    private final Mailer mailer;
    private final AuditLog audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final HostResolver resolver;
    private final OutboundPolicy outbound;

    public AlertSettingsService(AlertSettingsStore store, Mailer mailer, AuditLog audit, IdGenerator ids,
                                Clock clock, HostResolver resolver, OutboundPolicy outbound) {
        this.resolver = resolver;
        this.outbound = outbound;
        this.store = store;
        this.mailer = mailer;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public View settings(io.leadsync.domain.workspace.WorkspaceId workspaceId) {
        return view(store.find(workspaceId));
    }

    @Override
    public View change(Command command) {
        AlertSettings current = store.find(command.workspaceId());
        List<InvalidSettingsException.Violation> violations = new ArrayList<>();
        List<EmailAddress> emails = new ArrayList<>();
        for (int i = 0; i < command.emails().size(); i++) {
            String email = command.emails().get(i).strip();
            if (email.isEmpty()) {
                continue;
            }
            try {
                EmailAddress address = new EmailAddress(email);
                if (!emails.contains(address)) {
                    emails.add(address);
                }
            } catch (RuntimeException e) {
                violations.add(new InvalidSettingsException.Violation("emails/" + i,
                        "must be an e-mail address like ops@example.com"));
            }
        }
        if (emails.size() > AlertSettings.MAX_EMAILS) {
            violations.add(new InvalidSettingsException.Violation("emails",
                    "at most " + AlertSettings.MAX_EMAILS + " recipients"));
        }
        if (!emails.isEmpty() && !mailer.configured()) {
            violations.add(new InvalidSettingsException.Violation("emails", "this installation has no SMTP server "
                    + "configured (LEADSYNC_SMTP_HOST); use a chat webhook, or ask the operator"));
        }
        Optional<URI> chat = current.chatWebhook();
        if (command.chatWebhook().isPresent()) {
            String url = command.chatWebhook().get().strip();
            chat = url.isEmpty() ? Optional.empty() : webhook(url, violations);
            chat.ifPresent(uri -> reachable(uri, violations));
        }
        int threshold = command.failedLeadsThreshold().orElse(current.failedLeadsThreshold());
        if (threshold < 1 || threshold > 1_000_000) {
            violations.add(new InvalidSettingsException.Violation("failedLeadsThreshold",
                    "must be a whole number from 1 to 1000000"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidSettingsException("The alert settings were not changed.", violations);
        }
        AlertSettings changed = new AlertSettings(emails, chat, threshold);
        store.save(command.workspaceId(), changed);
        audit.record(new AuditEntry(ids.newId(), command.workspaceId(), clock.instant(), command.actor(),
                "alerts.changed", Optional.empty(), Optional.empty(), "alerts: " + emails.size() + " e-mail "
                + "recipient(s), chat webhook " + chat.map(URI::getHost).orElse("none") + ", threshold "
                + threshold + " failed leads"));
        return view(changed);
    }

    private View view(AlertSettings settings) {
        return new View(settings.emails().stream().map(EmailAddress::value).toList(),
                settings.chatWebhook().map(URI::getHost), settings.failedLeadsThreshold(), mailer.configured());
    }

    /**
     * The chat webhook is an outbound request to an address an admin chose, under the same rules as lead webhooks
     * (ADR 0042): refused now when it leads to a private address, and checked again before every send.
     */
    private void reachable(URI url, List<InvalidSettingsException.Violation> violations) {
        OutboundPolicy.Destination destination = outbound.destination(url.getHost(), resolver::addresses);
        if (destination instanceof OutboundPolicy.Destination.Refused refused) {
            violations.add(new InvalidSettingsException.Violation("chatWebhook",
                    "must lead to a public internet address: " + refused.reason()));
        } else if (destination instanceof OutboundPolicy.Destination.Unknown unknown) {
            violations.add(new InvalidSettingsException.Violation("chatWebhook",
                    "the host " + unknown.host() + " has no address in DNS"));
        }
    }

    /** An absolute http(s) URL with a host and no user info; where it may point is the outbound guard's call. */
    private static Optional<URI> webhook(String url, List<InvalidSettingsException.Violation> violations) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null
                    && uri.getUserInfo() == null && url.length() <= 2000) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // Reported below with the rule.
        }
        violations.add(new InvalidSettingsException.Violation("chatWebhook", "must be an absolute https:// URL "
                + "with a host, no user info, at most 2000 characters (e.g. a Slack incoming webhook)"));
        return Optional.empty();
    }
}
