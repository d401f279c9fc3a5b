package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.AlertSettingsStore;
import io.leadsync.application.port.out.SecretCipher;
import io.leadsync.domain.health.AlertSettings;
import io.leadsync.domain.lead.EmailAddress;
import io.leadsync.domain.workspace.WorkspaceId;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;

/**
 * Alert settings in PostgreSQL. The chat webhook's URL is encrypted with a purpose naming the workspace, so a
 * ciphertext copied to another workspace's row does not decrypt.
 */
@Singleton
final class PostgresAlertSettingsStore implements AlertSettingsStore {
    private final Jdbc jdbc;
    private final SecretCipher cipher;

    PostgresAlertSettingsStore(Jdbc jdbc, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    @Override
    public AlertSettings find(WorkspaceId workspaceId) {
        return jdbc.one("select emails, chat_webhook_encrypted, failed_leads_threshold from alert_settings "
                + "where workspace_id = ?", statement -> statement.setObject(1, workspaceId.value()), row -> {
            String emails = row.getString("emails");
            String chat = row.getString("chat_webhook_encrypted");
            return new AlertSettings(Arrays.stream(emails.split(",")).map(String::strip)
                    .filter(email -> !email.isEmpty()).map(EmailAddress::new).toList(),
                    Optional.ofNullable(chat).map(text -> URI.create(cipher.decrypt(text, purpose(workspaceId)))),
                    row.getInt("failed_leads_threshold"));
        }).orElse(AlertSettings.NONE);
    }

    @Override
    public void save(WorkspaceId workspaceId, AlertSettings settings) {
        String emails = String.join(",", settings.emails().stream().map(EmailAddress::value).toList());
        String chat = settings.chatWebhook().map(uri -> cipher.encrypt(uri.toString(), purpose(workspaceId)))
                .orElse(null);
        jdbc.update("insert into alert_settings (workspace_id, emails, chat_webhook_encrypted, failed_leads_threshold) "
                + "values (?, ?, ?, ?) on conflict (workspace_id) do update set emails = excluded.emails, "
                + "chat_webhook_encrypted = excluded.chat_webhook_encrypted, "
                + "failed_leads_threshold = excluded.failed_leads_threshold", statement -> {
            statement.setObject(1, workspaceId.value());
            statement.setString(2, emails);
            statement.setString(3, chat);
            statement.setInt(4, settings.failedLeadsThreshold());
        });
    }

    private static String purpose(WorkspaceId workspaceId) {
        return "alerts:" + workspaceId.value() + ":chat-webhook";
    }
}
