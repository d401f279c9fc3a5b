package io.leadsync.bootstrap;

import io.leadsync.application.port.in.delivery.PushDeliveriesUseCase;
import io.leadsync.application.port.in.delivery.RouteChangesUseCase;
import io.leadsync.application.port.in.pull.PullChangesUseCase;
import io.leadsync.application.port.out.TokenVault;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmTokens;
import io.leadsync.domain.workspace.WorkspaceId;
import io.leadsync.sandbox.salesforce.SalesforceSandbox;
import io.leadsync.sandbox.salesforce.SandboxBrowser;
import io.micronaut.jdbc.DataSourceResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two writers of one connection at the same moment, through the running LeadSync: an admin saves settings over the
 * admin API while the worker's push (or pull) finds the refresh token revoked at Salesforce and marks the connection
 * "needs re-authorization". Both must be there afterwards (ADR 0094).
 *
 * <p>The overlap is made certain rather than hoped for: the test holds the connection's row lock in a transaction of
 * its own, lets both writers run until PostgreSQL reports both waiting for that lock, and then lets go. A writer that
 * read the connection before waiting (a find, then a whole-row save) then writes back what it read, and one of the two
 * changes is gone; a writer that reads under the lock sees the other's change. The worker is off and its push and pull
 * are called as the worker calls them, so nothing marks the connection again later and hides a lost change.
 */
class ConcurrentConnectionWritesIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String SETTINGS = "{\"conflictPolicy\":\"APP_WINS\",\"createLeadsFromCrm\":true}";

    @TempDir
    static Path home;

    private static SalesforceSandbox salesforce;
    private static RunningLeadSync leadSync;
    private static AdminApi api;
    private static DataSource database;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        salesforce = SalesforceSandbox.start(0);
        leadSync = RunningLeadSync.start(home, Map.ofEntries(
                Map.entry("leadsync.first-start.enabled", false),
                Map.entry("leadsync.sync.worker.enabled", false),
                Map.entry("leadsync.salesforce.client-id", SalesforceSandbox.CLIENT_ID),
                Map.entry("leadsync.salesforce.client-secret", SalesforceSandbox.CLIENT_SECRET),
                Map.entry("leadsync.salesforce.login-url", salesforce.baseUrl()),
                Map.entry("leadsync.salesforce.redirect-uri", "http://localhost:9/oauth/callback")));
        api = new AdminApi(leadSync);
        // The pool itself: Micronaut Data's proxy hands out connections only inside its own connection scope.
        database = leadSync.context().findBean(DataSourceResolver.class).orElse(DataSourceResolver.DEFAULT)
                .resolve(leadSync.context().getBean(DataSource.class));
    }

    @AfterAll
    static void stop() {
        leadSync.close();
        salesforce.close();
    }

    @Test
    void settings_saved_while_the_push_marks_the_connection_needs_reauth_both_stay() throws Exception {
        String key = api.workspaceKey("Gadgets");
        String connection = connect(key);
        WorkspaceId workspace = api.workspaceOf(key);
        ConnectionId id = new ConnectionId(UUID.fromString(connection));
        // REALTIME, so the lead is due at once; captured and routed before the race, so the push has a lead to send.
        assertThat(api.send(key, "PATCH", "/api/admin/v1/connections/" + connection, "{\"frequency\":\"REALTIME\"}")
                .statusCode()).isEqualTo(200);
        assertThat(api.send(key, "POST", "/api/v1/leads", "{\"leadId\":\"g-1\",\"lastName\":\"Gadget\","
                + "\"workEmail\":\"g@gadgets.example\",\"companyName\":\"Gadgets\"}").statusCode()).isEqualTo(201);
        leadSync.context().getBean(RouteChangesUseCase.class).route(100);
        revokeAtSalesforce(workspace, id);

        race(key, connection, () -> leadSync.context().getBean(PushDeliveriesUseCase.class)
                .pushBatch(workspace, id, "worker-1", Duration.ZERO));

        String after = api.get(key, "/api/admin/v1/connections/" + connection).body();
        assertThat(after).as("the worker's change").contains("\"state\":\"NEEDS_REAUTH\"");
        assertThat(after).as("the admin's change").contains("\"conflictPolicy\":\"APP_WINS\"")
                .contains("\"createLeadsFromCrm\":true").contains("\"frequency\":\"REALTIME\"");
    }

    @Test
    void settings_saved_while_the_pull_marks_the_connection_needs_reauth_both_stay() throws Exception {
        String key = api.workspaceKey("Widgets");
        String connection = connect(key);
        WorkspaceId workspace = api.workspaceOf(key);
        ConnectionId id = new ConnectionId(UUID.fromString(connection));
        revokeAtSalesforce(workspace, id);

        race(key, connection, () -> leadSync.context().getBean(PullChangesUseCase.class)
                .pullNow(workspace, id, "worker-1"));

        String after = api.get(key, "/api/admin/v1/connections/" + connection).body();
        assertThat(after).as("the worker's change").contains("\"state\":\"NEEDS_REAUTH\"");
        assertThat(after).as("the admin's change").contains("\"conflictPolicy\":\"APP_WINS\"")
                .contains("\"createLeadsFromCrm\":true");
    }

    /**
     * Holds the connection's row lock while the admin's PATCH and the worker's write both start and both come to
     * wait for it, then lets them go.
     */
    private void race(String key, String connection, Runnable workerWrite) throws Exception {
        try (Connection holder = database.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement(
                    // The lock a writer of the connection takes (not "for update": that would also stop the
                    // foreign-key checks of rows naming the connection, which no writer waits for).
                    "select id from crm_connections where id = ? for no key update")) {
                lock.setObject(1, UUID.fromString(connection));
                try (ResultSet row = lock.executeQuery()) {
                    assertThat(row.next()).isTrue();
                }
            }
            CompletableFuture<HttpResponse<String>> admin = CompletableFuture.supplyAsync(() -> {
                try {
                    return api.send(key, "PATCH", "/api/admin/v1/connections/" + connection, SETTINGS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitWritersWaiting(1, admin);
            CompletableFuture<Void> worker = CompletableFuture.runAsync(workerWrite);
            awaitWritersWaiting(2, worker);
            holder.commit();
            HttpResponse<String> saved = admin.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
            worker.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /**
     * Until PostgreSQL shows {@code writers} sessions waiting for a lock on a statement about crm_connections; fails
     * at once when the writer started {@code last} finished without waiting.
     */
    private static void awaitWritersWaiting(int writers, CompletableFuture<?> last) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        try (Connection watcher = database.getConnection();
             PreparedStatement waiting = watcher.prepareStatement("select count(*) from pg_stat_activity where "
                     + "wait_event_type = 'Lock' and query like '%crm_connections%' and pid <> pg_backend_pid()")) {
            while (true) {
                try (ResultSet row = waiting.executeQuery()) {
                    row.next();
                    if (row.getInt(1) >= writers) {
                        return;
                    }
                }
                if (last.isDone()) {
                    last.get(); // its failure, if it failed
                    throw new AssertionError("a writer finished without waiting for the connection's lock");
                }
                assertThat(System.nanoTime()).as("waited %s for %d writer(s) to wait for the connection's lock",
                        PATIENCE, writers).isLessThan(deadline);
                Thread.sleep(20);
            }
        }
    }

    /** The admin's refresh token revoked at Salesforce: its access tokens go with it, and a refresh is refused. */
    private void revokeAtSalesforce(WorkspaceId workspace, ConnectionId id) throws Exception {
        CrmTokens tokens = leadSync.context().getBean(TokenVault.class).find(workspace, id).orElseThrow();
        HttpResponse<String> revoked = http.send(HttpRequest.newBuilder(URI.create(salesforce.baseUrl()
                        + "/services/oauth2/revoke"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(
                        tokens.refreshToken().orElseThrow(), StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(revoked.statusCode()).isEqualTo(200);
    }

    private String connect(String key) throws Exception {
        HttpResponse<String> started = api.send(key, "POST", "/api/admin/v1/connections", "{\"kind\":\"SALESFORCE\"}");
        URI redirect = new SandboxBrowser().logInAndConsent(URI.create(AdminApi.field(started.body(), "authorizeUrl")),
                "admin@acme.example", "sandbox", true);
        assertThat(api.callback(redirect).statusCode()).isEqualTo(200);
        String connection = AdminApi.field(started.body(), "connectionId");
        assertThat(api.get(key, "/api/admin/v1/connections/" + connection).body()).contains("\"state\":\"CONNECTED\"");
        return connection;
    }
}
