package io.leadsync.adapters.out.crm.salesforce;

import io.leadsync.application.port.out.AccessTokenRejectedException;
import io.leadsync.application.port.out.CrmRecord;
import io.leadsync.application.port.out.CrmSession;
import io.leadsync.application.port.out.CrmUnavailableException;
import io.leadsync.application.port.out.LeadEndpoint;
import io.leadsync.application.port.out.SalesforceOrgEndpoints;
import io.leadsync.domain.crm.EndpointSettings;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.crm.SalesforceEndpointType;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Salesforce org's own endpoints (issue 18, ADR 0075). Flows: {@code GET /actions/custom/flow} lists the org's
 * autolaunched Flows exactly; a lead goes as {@code {"inputs":[{...}]}} and each input is answered
 * {@code {actionName, errors, isSuccess, outputValues}}. Apex REST: Salesforce has no list of REST resources, so
 * the Tooling API's {@code ApexClass} rows are read and {@code @RestResource(urlMapping='...')} found in their
 * {@code Body}: a best effort (a managed package's source is hidden, so its resources cannot be found that way); the
 * lead goes as its JSON object, and a refusal is Salesforce's error array ({@code APEX_ERROR} for an exception the
 * class did not catch).
 */
@Singleton
@Requires(beans = SalesforceSettings.class)
final class SalesforceOrgEndpointsClient implements SalesforceOrgEndpoints {
    private static final Pattern REST_RESOURCE = Pattern.compile(
            "@RestResource\\s*\\(\\s*urlMapping\\s*=\\s*'([^']+)'\\s*\\)", Pattern.CASE_INSENSITIVE);
    /** Apex source over this is not searched (the Tooling API returns it whole; a class is at most 1 MB). */
    static final int MAX_CLASSES = 2_000;

    private final SalesforceHttp http;
    private final SalesforceSettings settings;

    SalesforceOrgEndpointsClient(SalesforceHttp http, SalesforceSettings settings) {
        this.http = http;
        this.settings = settings;
    }

    @Override
    public Listing list(CrmSession session) {
        String base = base(session);
        List<OrgEndpoint> endpoints = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        SalesforceHttp.Response flows = checked(http.get(URI.create(base + "/actions/custom/flow"),
                session.tokens().accessToken()), "list the org's Flow actions");
        for (JsonNode action : iterable(flows.body() == null ? null : flows.body().get("actions"))) {
            String name = SalesforceAuthorization.text(action, "name").orElse(null);
            if (name != null && EndpointSettings.SalesforceEndpoint.valid(SalesforceEndpointType.FLOW, name)) {
                endpoints.add(new OrgEndpoint(SalesforceEndpointType.FLOW, name,
                        SalesforceAuthorization.text(action, "label").orElse(name)));
            }
        }
        String soql = "SELECT Id, Name, NamespacePrefix, Body FROM ApexClass WHERE Status = 'Active' LIMIT "
                + MAX_CLASSES;
        SalesforceHttp.Response classes = checked(http.get(URI.create(base + "/tooling/query?q="
                + URLEncoder.encode(soql, StandardCharsets.UTF_8)), session.tokens().accessToken()),
                "list the org's Apex classes");
        boolean hidden = false;
        for (JsonNode row : iterable(classes.body() == null ? null : classes.body().get("records"))) {
            String body = SalesforceAuthorization.text(row, "Body").orElse("");
            String className = SalesforceAuthorization.text(row, "Name").orElse("?");
            if (body.equals("(hidden)")) {
                hidden = true;
                continue;
            }
            Matcher mapping = REST_RESOURCE.matcher(body);
            if (mapping.find()) {
                String namespace = SalesforceAuthorization.text(row, "NamespacePrefix").orElse("");
                String path = (namespace.isEmpty() ? "" : "/" + namespace) + "/" + mapping.group(1)
                        .replaceAll("^/+", "").replaceAll("/\\*$", "");
                if (EndpointSettings.SalesforceEndpoint.valid(SalesforceEndpointType.APEX_REST, path)) {
                    endpoints.add(new OrgEndpoint(SalesforceEndpointType.APEX_REST, path, className));
                }
            }
        }
        notes.add("Apex REST resources are found in the source of the org's Apex classes: Salesforce offers no list of "
                + "them. A resource whose urlMapping ends in /* is listed by its base path; type a longer path if "
                + "the class expects one.");
        if (hidden) {
            notes.add("Some classes belong to managed packages whose source is hidden: their REST resources cannot be "
                    + "listed; type the path the package's documentation gives.");
        }
        return new Listing(endpoints, notes, 2);
    }

    @Override
    public LeadEndpoint.Answer post(CrmSession session, EndpointSettings.SalesforceEndpoint endpoint,
                                    List<FieldMapping> mappings, CrmRecord record) {
        Map<String, Object> fields = new LinkedHashMap<>(SalesforceLeadPayloadMapper.toPayload(record, mappings));
        fields.remove("attributes");
        boolean flow = endpoint.type() == SalesforceEndpointType.FLOW;
        URI uri = flow ? URI.create(base(session) + "/actions/custom/flow/" + endpoint.name())
                : URI.create(session.identity().instanceUrl().orElseThrow() + "/services/apexrest" + endpoint.name());
        String body = SalesforceLeadWriter.json(flow ? Map.of("inputs", List.of(fields)) : fields);
        SalesforceHttp.Response response = http.postJson(uri, session.tokens().accessToken(), body);
        if (response.status() == 401) {
            throw new AccessTokenRejectedException(SalesforceErrors.describe(response));
        }
        SalesforceErrors.throwIfLimited(response, "post a lead to " + endpoint.name());
        if (flow && response.body() != null && response.body().isArray() && response.body().size() > 0
                && response.body().get(0).isObject() && response.body().get(0).get("isSuccess") != null) {
            JsonNode result = response.body().get(0);
            if (result.get("isSuccess").getBooleanValue()) {
                return new LeadEndpoint.Answer(response.status(), outputs(result));
            }
            return LeadEndpoint.Answer.refusedByOrgLogic(response.ok() ? 400 : response.status(),
                    errors(result.get("errors"), "statusCode"));
        }
        if (response.ok()) {
            return new LeadEndpoint.Answer(response.status(), response.rawBody() == null ? "" : response.rawBody());
        }
        if (response.status() >= 500 && !SalesforceErrors.code(response).equals("APEX_ERROR")) {
            throw new CrmUnavailableException("Salesforce answered " + response.status() + ": "
                    + SalesforceErrors.describe(response));
        }
        String reason = response.body() != null && response.body().isArray()
                ? errors(response.body(), "errorCode") : SalesforceErrors.describe(response);
        return LeadEndpoint.Answer.refusedByOrgLogic(response.status(), reason);
    }

    /** {@code CODE: message; CODE: message}, as the admin reads it in Errors. */
    private static String errors(JsonNode errors, String codeKey) {
        List<String> described = new ArrayList<>();
        for (JsonNode error : iterable(errors)) {
            described.add(SalesforceAuthorization.text(error, codeKey).orElse("ERROR") + ": "
                    + SalesforceAuthorization.text(error, "message").orElse(""));
        }
        return described.isEmpty() ? "refused without a reason" : String.join("; ", described);
    }

    private static String outputs(JsonNode result) {
        JsonNode outputs = result.get("outputValues");
        String status = outputs == null ? null : SalesforceAuthorization.text(outputs, "Flow__InterviewStatus")
                .orElse(null);
        String id = outputs == null ? null : SalesforceAuthorization.text(outputs, "recordId").orElse(null);
        return "isSuccess: true" + (status == null ? "" : ", Flow__InterviewStatus: " + status)
                + (id == null ? "" : ", recordId: " + id);
    }

    private SalesforceHttp.Response checked(SalesforceHttp.Response response, String what) {
        if (response.status() == 401) {
            throw new AccessTokenRejectedException(SalesforceErrors.describe(response));
        }
        SalesforceErrors.throwIfLimited(response, what);
        if (!response.ok()) {
            throw new CrmUnavailableException("Salesforce could not " + what + ": HTTP " + response.status() + " "
                    + SalesforceErrors.describe(response));
        }
        return response;
    }

    private String base(CrmSession session) {
        return session.identity().instanceUrl().orElseThrow() + "/services/data/" + settings.apiVersion();
    }

    private static Iterable<JsonNode> iterable(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        if (array != null && array.isArray()) {
            for (int i = 0; i < array.size(); i++) {
                items.add(array.get(i));
            }
        }
        return items;
    }
}
