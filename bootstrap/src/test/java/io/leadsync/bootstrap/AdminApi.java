package io.leadsync.bootstrap;

import io.leadsync.domain.workspace.ApiKeyScope;
import io.leadsync.application.port.in.administer.CreateWorkspaceCommand;
import io.leadsync.application.port.in.administer.CreateWorkspaceUseCase;
import io.leadsync.application.port.in.administer.IssueApiKeyCommand;
import io.leadsync.application.port.in.administer.IssueApiKeyUseCase;
import io.leadsync.application.port.out.PasswordHasher;
import io.leadsync.application.port.out.UserRepository;
import io.leadsync.application.port.out.WorkspaceRepository;
import io.leadsync.domain.workspace.Membership;
import io.leadsync.domain.workspace.Role;
import io.leadsync.domain.workspace.User;
import io.leadsync.domain.workspace.UserId;
import io.leadsync.domain.workspace.Workspace;
import io.leadsync.domain.workspace.WorkspaceId;
import io.micronaut.context.ApplicationContext;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A running LeadSync's HTTP APIs as a workspace's admin or agent uses them, for the system tests. */
final class AdminApi {
    private static final String CONFIRMING_OWNER = "confirming-owner@leadsync.test";
    private static final String CONFIRMING_PASSWORD = "confirming-password-1";

    private final RunningLeadSync leadSync;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, WorkspaceId> workspaces = new HashMap<>();

    AdminApi(RunningLeadSync leadSync) {
        this.leadSync = leadSync;
    }

    /** A new workspace and an API key for it. */
    String workspaceKey(String name) {
        Workspace workspace = leadSync.context().getBean(CreateWorkspaceUseCase.class)
                .create(new CreateWorkspaceCommand(name, name + " SDR"));
        String key = leadSync.context().getBean(IssueApiKeyUseCase.class)
                .issue(new IssueApiKeyCommand(workspace.id(), "admin", java.util.EnumSet.allOf(ApiKeyScope.class))).secret();
        workspaces.put(key, workspace.id());
        return key;
    }

    WorkspaceId workspaceOf(String key) {
        return workspaces.get(key);
    }

    HttpResponse<String> get(String key, String path) throws Exception {
        return send(key, "GET", path, null);
    }

    /**
     * REALTIME as an admin sets it, through the admin API: a faster frequency also brings forward what is already
     * queued and wakes the workers, which a frequency written straight into the repository did not.
     */
    void realtime(String key, String connection) throws Exception {
        HttpResponse<String> changed = send(key, "PATCH", "/api/admin/v1/connections/" + connection,
                "{\"frequency\":\"REALTIME\"}");
        if (changed.statusCode() != 200) {
            throw new AssertionError("setting REALTIME answered " + changed.statusCode() + ": " + changed.body());
        }
    }

    HttpResponse<String> send(String key, String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(leadSync.url() + path))
                .header("Authorization", "Bearer " + key)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The admin's browser comes back from the CRM to LeadSync's OAuth callback with the query the CRM redirected it
     * with. A connect started with an API key connects only after a member confirms in that browser (ADR 0045): the
     * browser signs in as an owner of every workspace and confirms. Answers the page the connect ends on.
     */
    HttpResponse<String> callback(URI redirect) throws Exception {
        return confirmedCallback(leadSync.context(), leadSync.url(), redirect);
    }

    /** {@link #callback} for a LeadSync started some other way. */
    static HttpResponse<String> confirmedCallback(ApplicationContext context, String url, URI redirect)
            throws Exception {
        WebClient browser = new WebClient(url);
        HttpResponse<String> callback = browser.get("/oauth/callback?" + redirect.getRawQuery());
        if (callback.statusCode() != 303) {
            return callback;
        }
        String confirm = callback.headers().firstValue("Location").orElseThrow();
        assertThat(confirm).startsWith("/app/connect/confirm?state=");
        String email = confirmingOwner(context);
        HttpResponse<String> toLogin = browser.get(confirm);
        assertThat(toLogin.statusCode()).isEqualTo(303);
        assertThat(browser.logIn(toLogin.headers().firstValue("Location").orElseThrow(), email, CONFIRMING_PASSWORD)
                .headers().firstValue("Location")).contains(confirm);
        return browser.submit(confirm, "/app/connect/confirm", "state=" + WebClient.encode(
                URLDecoder.decode(confirm.substring(confirm.indexOf('=') + 1), StandardCharsets.UTF_8)));
    }

    /**
     * A browser signed in as an owner of every workspace, acting in {@code workspace}: for a test that reads what the
     * admin UI shows.
     */
    static WebClient ownerBrowser(ApplicationContext context, String url, WorkspaceId workspace) throws Exception {
        WebClient browser = new WebClient(url);
        String email = confirmingOwner(context);
        assertThat(browser.logIn(email, CONFIRMING_PASSWORD).statusCode()).isEqualTo(303);
        assertThat(browser.submit("/app/integrations", "/app/switch", "workspaceId=" + workspace.value())
                .statusCode()).isEqualTo(303);
        return browser;
    }

    /** An owner of every workspace there is, who confirms connects in the tests. */
    private static String confirmingOwner(ApplicationContext context) {
        UserRepository users = context.getBean(UserRepository.class);
        User owner = users.findByEmail(CONFIRMING_OWNER).orElseGet(() -> {
            User created = new User(new UserId(UUID.randomUUID()), CONFIRMING_OWNER, "Connect confirmer",
                    context.getBean(PasswordHasher.class).hash(CONFIRMING_PASSWORD), Instant.now());
            users.insert(created);
            return created;
        });
        for (Workspace workspace : context.getBean(WorkspaceRepository.class).all()) {
            users.saveMembership(new Membership(workspace.id(), owner.id(), Role.OWNER));
        }
        return owner.email();
    }

    static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertThat(matcher.find()).as(name + " in " + json).isTrue();
        return matcher.group(1);
    }
}
