package io.leadsync.bootstrap;

import io.leadsync.application.port.in.CreateWorkspaceCommand;
import io.leadsync.application.port.in.CreateWorkspaceUseCase;
import io.leadsync.application.port.in.IssueApiKeyCommand;
import io.leadsync.application.port.in.IssueApiKeyUseCase;
import io.leadsync.domain.workspace.Workspace;
import io.leadsync.sandbox.hubspot.HubSpotBrowser;
import io.leadsync.sandbox.hubspot.HubSpotSandbox;
import io.leadsync.sandbox.salesforce.SalesforceSandbox;
import io.leadsync.sandbox.salesforce.SandboxBrowser;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** A LeadSync node with its own database and sandboxes, as the benchmark drives it. */
final class BenchNode implements AutoCloseable {
    static final String SF_EXTERNAL_ID = "LeadSync_Lead_ID__c";
    static final String HS_ID_PROPERTY = "leadsync_lead_id";

    final SalesforceSandbox salesforce;
    final HubSpotSandbox hubspot;
    final Path home;
    private final EmbeddedDatabase database;
    private final EmbeddedServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private BenchNode(Path home, SalesforceSandbox salesforce, HubSpotSandbox hubspot, EmbeddedDatabase database,
                      EmbeddedServer server) {
        this.home = home;
        this.salesforce = salesforce;
        this.hubspot = hubspot;
        this.database = database;
        this.server = server;
    }

    static BenchNode start(BenchOptions options, String name) throws IOException {
        Path home = Files.createTempDirectory("leadsync-" + name + "-");
        SalesforceSandbox salesforce = SalesforceSandbox.start(0);
        HubSpotSandbox hubspot = HubSpotSandbox.start(0);
        EmbeddedDatabase database = EmbeddedDatabase.startPersistent(home.resolve("postgres"));
        Map<String, Object> properties = new HashMap<>(database.datasourceProperties());
        properties.put("micronaut.server.port", -1);
        properties.put("micronaut.server.host", "127.0.0.1");
        properties.put("leadsync.crypto.demo-key-file", home.resolve("master.key").toString());
        properties.put("leadsync.first-start.enabled", false);
        properties.put("leadsync.sync.worker.interval", options.workerInterval());
        String callback = "http://127.0.0.1:9/oauth/callback";
        properties.put("leadsync.salesforce.client-id", SalesforceSandbox.CLIENT_ID);
        properties.put("leadsync.salesforce.client-secret", SalesforceSandbox.CLIENT_SECRET);
        properties.put("leadsync.salesforce.login-url", salesforce.baseUrl());
        properties.put("leadsync.salesforce.redirect-uri", callback);
        properties.put("leadsync.hubspot.client-id", HubSpotSandbox.CLIENT_ID);
        properties.put("leadsync.hubspot.client-secret", HubSpotSandbox.CLIENT_SECRET);
        properties.put("leadsync.hubspot.api-url", hubspot.baseUrl());
        properties.put("leadsync.hubspot.authorize-url", hubspot.baseUrl() + "/oauth/authorize");
        properties.put("leadsync.hubspot.redirect-uri", callback);
        EmbeddedServer server;
        try {
            server = ApplicationContext.run(EmbeddedServer.class, properties);
        } catch (RuntimeException e) {
            database.close();
            salesforce.close();
            hubspot.close();
            throw e;
        }
        return new BenchNode(home, salesforce, hubspot, database, server);
    }

    void latency(int millis) {
        salesforce.latency(Duration.ofMillis(millis));
        hubspot.latency(Duration.ofMillis(millis));
    }

    Workspace workspace(String name) {
        return server.getApplicationContext().getBean(CreateWorkspaceUseCase.class)
                .create(new CreateWorkspaceCommand(name, name + " SDR"));
    }

    String key(Workspace workspace) {
        return server.getApplicationContext().getBean(IssueApiKeyUseCase.class)
                .issue(new IssueApiKeyCommand(workspace.id(), "bench",
                        java.util.EnumSet.allOf(io.leadsync.domain.workspace.ApiKeyScope.class))).secret();
    }

    HttpResponse<String> api(String key, String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .header("Authorization", "Bearer " + key)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    String connectSalesforce(Workspace workspace, String key) throws Exception {
        HttpResponse<String> started = api(key, "POST", "/api/admin/v1/connections", "{\"kind\":\"SALESFORCE\"}");
        URI redirect = new SandboxBrowser().logInAndConsent(URI.create(field(started.body(), "authorizeUrl")),
                "admin@acme.example", "sandbox", true);
        callback(workspace, redirect);
        return field(started.body(), "connectionId");
    }

    String connectHubSpot(Workspace workspace, String key) throws Exception {
        HttpResponse<String> started = api(key, "POST", "/api/admin/v1/connections", "{\"kind\":\"HUBSPOT\"}");
        URI redirect = new HubSpotBrowser().logInAndConsent(URI.create(field(started.body(), "authorizeUrl")),
                "admin@acme.example", "sandbox", true);
        callback(workspace, redirect);
        return field(started.body(), "connectionId");
    }

    /** Started through the admin API, a connect is confirmed by its admin in the browser (ADR 0045). */
    private void callback(Workspace workspace, URI redirect) throws Exception {
        HttpResponse<String> page = BenchBrowser.confirmedCallback(server.getApplicationContext(),
                server.getURL().toString(), workspace.id(), redirect);
        if (page.statusCode() != 200 || !page.body().contains("Connected as")) {
            throw new IllegalStateException("connect failed: " + page.statusCode() + " " + page.body());
        }
    }

    List<Map<String, Object>> salesforceRecords(String prefix) {
        return salesforce.records("Lead").stream()
                .filter(r -> String.valueOf(r.get(SF_EXTERNAL_ID)).startsWith(prefix)).toList();
    }

    /** HubSpot contacts whose lead id starts with the prefix, as flat property maps plus {@code id}. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> hubspotRecords(String prefix) {
        List<Map<String, Object>> found = new ArrayList<>();
        for (Map<String, Object> record : hubspot.records("contacts")) {
            Map<String, Object> properties = (Map<String, Object>) record.get("properties");
            if (properties != null && String.valueOf(properties.get(HS_ID_PROPERTY)).startsWith(prefix)
                    && !Boolean.TRUE.equals(record.get("archived"))) {
                Map<String, Object> flat = new HashMap<>(properties);
                flat.put("id", record.get("id"));
                found.add(flat);
            }
        }
        return found;
    }

    /** Deliveries of the connection not yet done (pending or in flight). */
    long pending(String connection) {
        return count("select count(*) from deliveries where connection_id = '" + connection
                + "' and state = 'PENDING'");
    }

    long count(String sql) {
        Map<String, Object> properties = database.datasourceProperties();
        try (Connection connection = DriverManager.getConnection((String) properties.get("datasources.default.url"),
                (String) properties.get("datasources.default.username"),
                (String) properties.get("datasources.default.password"));
             Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } finally {
            database.close();
            salesforce.close();
            hubspot.close();
            deleteQuietly(home);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temporary directory: the OS cleans it up eventually.
        }
    }

    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException(name + " not in " + json);
        }
        return matcher.group(1);
    }
}
