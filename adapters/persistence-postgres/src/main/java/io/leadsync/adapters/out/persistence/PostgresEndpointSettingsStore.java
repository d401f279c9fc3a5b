package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.EndpointSettingsStore;
import io.leadsync.application.port.out.SecretCipher;
import io.leadsync.domain.crm.BodyFormat;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.EndpointSettings;
import io.leadsync.domain.crm.LoginHost;
import io.leadsync.domain.workspace.WorkspaceId;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Endpoint settings in PostgreSQL. A webhook's secrets are one ciphertext whose purpose names its workspace and
 * connection, so it does not decrypt on another row.
 */
@Singleton
final class PostgresEndpointSettingsStore implements EndpointSettingsStore {
    private static final String BEARER = "bearerToken";
    private static final String SIGNING = "signingSecret";
    private static final String HEADER = "header:";
    private static final String URL = "url";

    private final Jdbc jdbc;
    private final SecretCipher cipher;

    PostgresEndpointSettingsStore(Jdbc jdbc, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    @Override
    public void save(WorkspaceId workspaceId, ConnectionId connectionId, EndpointSettings settings) {
        String kind;
        String url = null;
        String format = null;
        String orgId = null;
        String leadSource = null;
        String loginHost = null;
        String myDomain = null;
        String secrets = null;
        if (settings instanceof EndpointSettings.Webhook webhook) {
            kind = "WEBHOOK";
            // Hook URLs often carry a key in their path or query (Zapier, Azure Functions): only the origin is plain.
            url = origin(webhook.url());
            format = webhook.format().name();
            secrets = cipher.encrypt(JsonColumn.write(secretsOf(webhook)), purpose(workspaceId, connectionId));
        } else {
            EndpointSettings.WebToLead form = (EndpointSettings.WebToLead) settings;
            kind = "SALESFORCE_WEB_TO_LEAD";
            orgId = form.orgId();
            leadSource = form.leadSource().orElse(null);
            loginHost = form.host().kind().name();
            myDomain = form.host().myDomain().map(URI::toString).orElse(null);
        }
        String[] values = {kind, url, format, orgId, leadSource, secrets, loginHost, myDomain};
        jdbc.update("insert into endpoint_settings (workspace_id, connection_id, kind, url, body_format, org_id, "
                + "lead_source, secrets, login_host, my_domain_url) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict "
                + "(workspace_id, connection_id) do "
                + "update set kind = excluded.kind, url = excluded.url, body_format = excluded.body_format, "
                + "org_id = excluded.org_id, lead_source = excluded.lead_source, secrets = excluded.secrets, "
                + "login_host = excluded.login_host, my_domain_url = excluded.my_domain_url",
                statement -> {
                    statement.setObject(1, workspaceId.value());
                    statement.setObject(2, connectionId.value());
                    for (int i = 0; i < values.length; i++) {
                        statement.setString(3 + i, values[i]);
                    }
                });
    }

    @Override
    public Optional<EndpointSettings> find(WorkspaceId workspaceId, ConnectionId connectionId) {
        return jdbc.one("select * from endpoint_settings where workspace_id = ? and connection_id = ?", statement -> {
            statement.setObject(1, workspaceId.value());
            statement.setObject(2, connectionId.value());
        }, row -> {
            if ("WEBHOOK".equals(row.getString("kind"))) {
                Map<String, String> secrets = JsonColumn.readTextMap(cipher.decrypt(row.getString("secrets"),
                        purpose(workspaceId, connectionId)));
                Map<String, String> headers = new LinkedHashMap<>();
                secrets.forEach((name, value) -> {
                    if (name.startsWith(HEADER)) {
                        headers.put(name.substring(HEADER.length()), value);
                    }
                });
                return new EndpointSettings.Webhook(URI.create(secrets.getOrDefault(URL, row.getString("url"))),
                        BodyFormat.valueOf(row.getString("body_format")), Optional.ofNullable(secrets.get(BEARER)),
                        headers, secrets.get(SIGNING));
            }
            // Stored as the admin chose it, already checked: a My Domain is rebuilt as it was, not checked again.
            String host = row.getString("login_host");
            LoginHost formHost = host == null || host.equals("PRODUCTION") ? LoginHost.production()
                    : host.equals("SANDBOX") ? LoginHost.sandbox()
                    : new LoginHost(LoginHost.Kind.MY_DOMAIN, Optional.of(URI.create(row.getString("my_domain_url"))));
            return new EndpointSettings.WebToLead(row.getString("org_id"),
                    Optional.ofNullable(row.getString("lead_source")), formHost);
        });
    }

    @Override
    public void delete(WorkspaceId workspaceId, ConnectionId connectionId) {
        jdbc.update("delete from endpoint_settings where workspace_id = ? and connection_id = ?", statement -> {
            statement.setObject(1, workspaceId.value());
            statement.setObject(2, connectionId.value());
        });
    }

    @Override
    public int reencryptStale(int limit) {
        record Sealed(WorkspaceId workspace, ConnectionId connection, String secrets) {
        }
        List<Sealed> stale = jdbc.list("select workspace_id, connection_id, secrets from endpoint_settings "
                + "where secrets is not null order by workspace_id, connection_id", statement -> { }, row -> new Sealed(
                new WorkspaceId(row.getObject("workspace_id", UUID.class)),
                new ConnectionId(row.getObject("connection_id", UUID.class)), row.getString("secrets"))).stream()
                .filter(row -> cipher.needsReencryption(row.secrets())).limit(limit).toList();
        int done = 0;
        for (Sealed row : stale) {
            String purpose = purpose(row.workspace(), row.connection());
            String again = cipher.encrypt(cipher.decrypt(row.secrets(), purpose), purpose);
            done += jdbc.update("update endpoint_settings set secrets = ? where workspace_id = ? and connection_id = ? "
                    + "and secrets = ?", statement -> {
                statement.setString(1, again);
                statement.setObject(2, row.workspace().value());
                statement.setObject(3, row.connection().value());
                statement.setString(4, row.secrets());
            });
        }
        return done;
    }

    private static Map<String, String> secretsOf(EndpointSettings.Webhook webhook) {
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put(URL, webhook.url().toString());
        webhook.bearerToken().ifPresent(token -> secrets.put(BEARER, token));
        secrets.put(SIGNING, webhook.signingSecret());
        webhook.headers().forEach((name, value) -> secrets.put(HEADER + name, value));
        return secrets;
    }

    static String origin(URI url) {
        return url.getScheme() + "://" + url.getRawAuthority();
    }

    static String purpose(WorkspaceId workspaceId, ConnectionId connectionId) {
        return "workspace:" + workspaceId.value() + "/connection:" + connectionId.value() + "/endpoint_secrets";
    }
}
