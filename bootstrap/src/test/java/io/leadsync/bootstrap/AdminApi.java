package io.leadsync.bootstrap;

import io.leadsync.domain.workspace.ApiKeyScope;
import io.leadsync.application.port.in.CreateWorkspaceCommand;
import io.leadsync.application.port.in.CreateWorkspaceUseCase;
import io.leadsync.application.port.in.IssueApiKeyCommand;
import io.leadsync.application.port.in.IssueApiKeyUseCase;
import io.leadsync.domain.workspace.Workspace;
import io.leadsync.domain.workspace.WorkspaceId;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A running LeadSync's HTTP APIs as a workspace's admin or agent uses them, for the system tests. */
final class AdminApi {
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

    HttpResponse<String> send(String key, String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(leadSync.url() + path))
                .header("Authorization", "Bearer " + key)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Opens LeadSync's OAuth callback with the query the CRM redirected the browser with. */
    HttpResponse<String> callback(URI redirect) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(leadSync.url() + "/oauth/callback?" + redirect.getRawQuery()))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertThat(matcher.find()).as(name + " in " + json).isTrue();
        return matcher.group(1);
    }
}
