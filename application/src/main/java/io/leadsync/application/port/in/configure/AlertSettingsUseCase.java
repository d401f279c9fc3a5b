package io.leadsync.application.port.in.configure;

import io.leadsync.domain.workspace.WorkspaceId;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A workspace's alert settings: who gets an e-mail, which chat webhook gets a message, and from how many failed leads
 * a degraded connection is worth an alert. The chat webhook's URL is never shown back, only its host.
 */
public interface AlertSettingsUseCase {
    View settings(WorkspaceId workspaceId);

    /**
     * Replaces the settings; {@code chatWebhook}: empty keeps the one set, blank removes it. Bad values are refused
     * with an {@link InvalidSettingsException} naming each field, and nothing changes.
     */
    View change(Command command);

    record View(List<String> emails, Optional<String> chatWebhookHost, int failedLeadsThreshold,
                boolean mailConfigured) {
        public View {
            emails = List.copyOf(emails);
            Objects.requireNonNull(chatWebhookHost, "chatWebhookHost");
        }
    }

    record Command(WorkspaceId workspaceId, String actor, List<String> emails, Optional<String> chatWebhook,
                   Optional<Integer> failedLeadsThreshold) {
        public Command {
            Objects.requireNonNull(workspaceId, "workspaceId");
            Objects.requireNonNull(actor, "actor");
            emails = List.copyOf(emails);
            Objects.requireNonNull(chatWebhook, "chatWebhook");
            Objects.requireNonNull(failedLeadsThreshold, "failedLeadsThreshold");
        }
    }
}
