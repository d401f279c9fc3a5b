package io.leadsync.bootstrap;

import io.leadsync.application.port.in.administer.AddMemberCommand;
import io.leadsync.application.port.in.administer.AddMemberUseCase;
import io.leadsync.application.port.out.UserRepository;
import io.leadsync.application.port.out.WorkspaceRepository;
import io.leadsync.domain.workspace.Role;
import io.leadsync.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Workspaces for a host product's customers (ADR 0047), over HTTP as the host product and the people use them: the
 * operator creates a workspace whose owner signs in through the invitation; a suspended workspace's keys and sessions
 * stop working; an owner adding someone of another workspace sends an invitation that person accepts, answered as
 * for any new email; the command line does what the API does.
 */
class OperatorWorkspacesIT {
    private static final String TOKEN = "operator-token-for-the-tests-0123456789";
    private static final String OWNER = "first@leadsync.example";
    private static final String PASSWORD = "first-owner-password";
    private static final Pattern LINK = Pattern.compile("data-testid=\"invitation-link\">https?://[^/]+(/invite/[^<]+)<");

    @TempDir
    static Path home;
    static RunningLeadSync leadSync;

    @BeforeAll
    static void start() {
        leadSync = RunningLeadSync.start(home, Map.of(
                "leadsync.first-start.enabled", true,
                "leadsync.first-start.owner-email", OWNER,
                "leadsync.first-start.owner-password", PASSWORD,
                "leadsync.operator.token", TOKEN));
    }

    @AfterAll
    static void stop() {
        leadSync.close();
    }

    @Test
    void an_operator_creates_a_workspace_whose_owner_signs_in_through_the_invitation() throws Exception {
        HttpResponse<String> created = operator("POST", "/api/operator/v1/workspaces", TOKEN,
                "{\"name\":\"Initech\",\"productName\":\"Initech SDR\",\"ownerEmail\":\"Bill@Initech.example\"}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(created.body()).contains("\"name\":\"Initech\"", "\"suspended\":false",
                "\"email\":\"bill@initech.example\"");
        assertThat(created.body()).contains("\"name\":\"agent key\",\"scope\":\"agent\"",
                "\"name\":\"admin key\",\"scope\":\"admin\"");
        String key = AdminApi.field(created.body(), "secret");
        assertThat(agent(key).statusCode()).as("the new workspace's agent key works").isEqualTo(200);

        String invitation = URI.create(AdminApi.field(created.body(), "invitationUrl")).getPath();
        WebClient bill = new WebClient(leadSync.url());
        assertThat(bill.get(invitation).body()).contains("Join Initech", "bill@initech.example", "Owner");
        HttpResponse<String> short1 = bill.post(invitation, "displayName=Bill&password=short&confirmPassword=short");
        assertThat(short1.statusCode()).isEqualTo(422);
        assertThat(short1.body()).contains("password: must have 10 to 200 characters");
        HttpResponse<String> joined = bill.post(invitation,
                "displayName=Bill&password=bills-password-1&confirmPassword=bills-password-1");
        assertThat(joined.body()).contains("Your account is ready");
        assertThat(bill.get(invitation).statusCode()).as("the link works once").isEqualTo(404);

        assertThat(bill.logIn("bill@initech.example", "bills-password-1").statusCode()).isEqualTo(303);
        String settings = bill.get("/app/settings").body();
        assertThat(settings).contains("Initech").contains("data-testid=\"role\">Owner<");
    }

    @Test
    void without_the_right_token_nothing_is_created_and_bad_fields_are_named() throws Exception {
        int before = leadSync.context().getBean(WorkspaceRepository.class).all().size();
        String body = "{\"name\":\"Nope\",\"ownerEmail\":\"a@nope.example\"}";

        assertThat(operator("POST", "/api/operator/v1/workspaces", null, body).statusCode()).isEqualTo(401);
        assertThat(operator("POST", "/api/operator/v1/workspaces", TOKEN + "x", body).statusCode()).isEqualTo(401);
        assertThat(operator("GET", "/api/operator/v1/workspaces", "lsk_not-an-operator", null).statusCode())
                .isEqualTo(401);
        HttpResponse<String> invalid = operator("POST", "/api/operator/v1/workspaces", TOKEN,
                "{\"name\":\"Nope\",\"ownerEmail\":\"not an email\"}");
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(invalid.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(invalid.body()).contains("\"field\":\"ownerEmail\"");
        assertThat(operator("POST", "/api/operator/v1/workspaces", TOKEN, "{\"name\":\"Nope\",\"owner\":\"x\"}")
                .body()).contains("\"field\":\"owner\"");
        assertThat(leadSync.context().getBean(WorkspaceRepository.class).all()).hasSize(before);
    }

    @Test
    void a_suspended_workspaces_keys_and_sessions_stop_working_and_nobody_signs_in_to_it() throws Exception {
        HttpResponse<String> created = operator("POST", "/api/operator/v1/workspaces", TOKEN,
                "{\"name\":\"Hooli\",\"ownerEmail\":\"gavin@hooli.example\"}");
        String id = AdminApi.field(created.body(), "id");
        String key = AdminApi.field(created.body(), "secret");
        WebClient gavin = new WebClient(leadSync.url());
        gavin.post(URI.create(AdminApi.field(created.body(), "invitationUrl")).getPath(),
                "password=gavins-password-1&confirmPassword=gavins-password-1");
        gavin.logIn("gavin@hooli.example", "gavins-password-1");
        assertThat(gavin.get("/app/integrations").statusCode()).isEqualTo(200);

        HttpResponse<String> suspended = operator("POST", "/api/operator/v1/workspaces/" + id + "/suspend", TOKEN,
                null);

        assertThat(suspended.statusCode()).isEqualTo(200);
        assertThat(suspended.body()).contains("\"suspended\":true");
        assertThat(agent(key).statusCode()).isEqualTo(401);
        assertThat(gavin.get("/app/integrations").statusCode()).isEqualTo(303);
        assertThat(new WebClient(leadSync.url()).logIn("gavin@hooli.example", "gavins-password-1").statusCode())
                .isEqualTo(401);
        assertThat(operator("GET", "/api/operator/v1/workspaces", TOKEN, null).body())
                .contains("\"name\":\"Hooli\"", "\"suspended\":true");
        assertThat(operator("POST", "/api/operator/v1/workspaces/" + WorkspaceId.of(
                "00000000-0000-0000-0000-000000000000") + "/suspend", TOKEN, null).statusCode()).isEqualTo(404);
    }

    @Test
    void adding_a_user_of_another_workspace_sends_an_invitation_they_accept_answered_as_for_any_new_email()
            throws Exception {
        WorkspaceRepository workspaces = leadSync.context().getBean(WorkspaceRepository.class);
        WorkspaceId first = workspaces.all().get(0).id();
        HttpResponse<String> other = operator("POST", "/api/operator/v1/workspaces", TOKEN,
                "{\"name\":\"Umbrella\",\"ownerEmail\":\"alice@umbrella.example\"}");
        WebClient alice = new WebClient(leadSync.url());
        alice.post(URI.create(AdminApi.field(other.body(), "invitationUrl")).getPath(),
                "password=alices-password-1&confirmPassword=alices-password-1");

        WebClient owner = new WebClient(leadSync.url());
        owner.logIn(OWNER, PASSWORD);
        HttpResponse<String> existing = owner.submit("/app/settings", "/app/settings/users",
                "email=alice%40umbrella.example&role=VIEWER");
        HttpResponse<String> unknown = owner.submit("/app/settings", "/app/settings/users",
                "email=nobody%40nowhere.example&role=VIEWER");

        assertThat(existing.statusCode()).isEqualTo(unknown.statusCode()).isEqualTo(200);
        assertThat(shape(existing.body(), "alice@umbrella.example")).isEqualTo(shape(unknown.body(),
                "nobody@nowhere.example"));
        UserRepository users = leadSync.context().getBean(UserRepository.class);
        assertThat(users.membershipsOf(users.findByEmail("alice@umbrella.example").orElseThrow().id()))
                .as("not a member before accepting").noneMatch(m -> m.workspaceId().equals(first));
        assertThat(owner.get("/app/settings").body()).contains("data-testid=\"open-invitations\"")
                .contains("alice@umbrella.example");

        Matcher link = LINK.matcher(existing.body());
        assertThat(link.find()).isTrue();
        alice.logIn("alice@umbrella.example", "alices-password-1");
        String token = link.group(1).substring("/invite/".length());
        assertThat(alice.get("/app/invitation?token=" + token).body()).contains("Join this workspace");
        HttpResponse<String> accepted = alice.submit("/app/invitation?token=" + token, "/app/invitation",
                "token=" + token);

        assertThat(accepted.statusCode()).isEqualTo(303);
        assertThat(users.membershipsOf(users.findByEmail("alice@umbrella.example").orElseThrow().id()))
                .anyMatch(m -> m.workspaceId().equals(first) && m.role() == Role.VIEWER);
        assertThat(alice.get("/app/settings").body()).contains("Umbrella").contains(
                workspaces.find(first).orElseThrow().name());
    }

    @Test
    void an_invitation_for_someone_else_cannot_be_accepted_by_another_signed_in_user() throws Exception {
        UserRepository users = leadSync.context().getBean(UserRepository.class);
        WorkspaceId first = leadSync.context().getBean(WorkspaceRepository.class).all().get(0).id();
        leadSync.context().getBean(AddMemberUseCase.class).add(new AddMemberCommand(first,
                users.findByEmail(OWNER).orElseThrow().id(), "eve@first.example", null, Role.VIEWER,
                "eves-password-1"));
        WebClient owner = new WebClient(leadSync.url());
        owner.logIn(OWNER, PASSWORD);
        Matcher link = LINK.matcher(owner.submit("/app/settings", "/app/settings/users",
                "email=carol%40carol.example&role=ADMIN").body());
        assertThat(link.find()).isTrue();
        String token = link.group(1).substring("/invite/".length());

        WebClient eve = new WebClient(leadSync.url());
        eve.logIn("eve@first.example", "eves-password-1");
        assertThat(eve.get("/app/invitation?token=" + token).body()).contains("This invitation is for")
                .doesNotContain("Join this workspace");
        assertThat(eve.submit("/app/settings", "/app/invitation", "token=" + token).statusCode()).isEqualTo(403);
    }

    @Test
    void the_command_line_creates_lists_and_suspends_workspaces_as_the_api_does() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

        int created = WorkspaceCommands.run(leadSync.context(), List.of("create", "Globex", "hank@globex.example"),
                leadSync.url(), out);

        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(created).isZero();
        Matcher link = Pattern.compile("(/invite/\\S+)").matcher(text);
        Matcher key = Pattern.compile("agent key \\(scope agent\\): (lsk_\\S+)").matcher(text);
        assertThat(link.find()).as(text).isTrue();
        assertThat(key.find()).as(text).isTrue();
        assertThat(agent(key.group(1)).statusCode()).isEqualTo(200);
        assertThat(new WebClient(leadSync.url()).get(link.group(1)).body()).contains("Join Globex");

        printed.reset();
        assertThat(WorkspaceCommands.run(leadSync.context(), List.of("list"), leadSync.url(), out)).isZero();
        Matcher id = Pattern.compile("(\\S+)  Globex").matcher(printed.toString(StandardCharsets.UTF_8));
        assertThat(id.find()).isTrue();
        assertThat(WorkspaceCommands.run(leadSync.context(), List.of("suspend", id.group(1)), leadSync.url(), out))
                .isZero();
        assertThat(agent(key.group(1)).statusCode()).isEqualTo(401);
        assertThat(WorkspaceCommands.run(leadSync.context(), List.of("create", "Bad", "not-an-email"),
                leadSync.url(), out)).isEqualTo(1);
    }

    /** The page with the email and the link's token taken out: what tells one answer from another. */
    private static String shape(String page, String email) {
        return page.replace(email, "EMAIL").replaceAll("/invite/[^<\"]+", "/invite/TOKEN")
                .replaceAll("name=\"_csrf\" value=\"[^\"]+\"", "")
                .replaceAll("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC", "WHEN");
    }

    private static HttpResponse<String> agent(String key) throws Exception {
        WebClient client = new WebClient(leadSync.url());
        return client.send(client.request("/api/v1/leads").header("Authorization", "Bearer " + key).GET());
    }

    private static HttpResponse<String> operator(String method, String path, String token, String json)
            throws Exception {
        WebClient client = new WebClient(leadSync.url());
        HttpRequest.Builder request = client.request(path).method(method, json == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request);
    }
}
