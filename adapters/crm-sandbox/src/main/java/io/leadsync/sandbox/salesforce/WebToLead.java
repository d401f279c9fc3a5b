package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadsync.sandbox.salesforce.HttpCall.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code POST /servlet/servlet.WebToLead?encoding=UTF-8} (digest section 14). The submitter always gets 200 and a
 * page sending the browser to {@code retURL}: whether a lead was created, queued or dropped is invisible from
 * outside, exactly as with Salesforce, so the control API is the only place to see it.
 */
final class WebToLead {

    static final String PATH = "/servlet/servlet.WebToLead";

    /** The snake_case names of Salesforce's generated form, to Lead fields. */
    private static final Map<String, String> STANDARD_FIELDS = new LinkedHashMap<>();

    static {
        STANDARD_FIELDS.put("salutation", "Salutation");
        STANDARD_FIELDS.put("first_name", "FirstName");
        STANDARD_FIELDS.put("last_name", "LastName");
        STANDARD_FIELDS.put("email", "Email");
        STANDARD_FIELDS.put("company", "Company");
        STANDARD_FIELDS.put("title", "Title");
        STANDARD_FIELDS.put("phone", "Phone");
        STANDARD_FIELDS.put("mobile", "MobilePhone");
        STANDARD_FIELDS.put("fax", "Fax");
        STANDARD_FIELDS.put("street", "Street");
        STANDARD_FIELDS.put("city", "City");
        STANDARD_FIELDS.put("state", "State");
        STANDARD_FIELDS.put("zip", "PostalCode");
        STANDARD_FIELDS.put("country", "Country");
        STANDARD_FIELDS.put("URL", "Website");
        STANDARD_FIELDS.put("description", "Description");
        STANDARD_FIELDS.put("industry", "Industry");
        STANDARD_FIELDS.put("lead_source", "LeadSource");
        STANDARD_FIELDS.put("rating", "Rating");
        STANDARD_FIELDS.put("employees", "NumberOfEmployees");
        STANDARD_FIELDS.put("revenue", "AnnualRevenue");
        STANDARD_FIELDS.put("emailOptOut", "HasOptedOutOfEmail");
    }

    /** Form controls that are not Lead fields; anything else unknown is ignored too, as the servlet does. */
    private static final Set<String> CONTROLS = Set.of("oid", "retURL", "debug", "debugEmail", "encoding",
            "recordType", "captcha_settings", "g-recaptcha-response", "submit");

    private final SalesforceOrg org;

    WebToLead(SalesforceOrg org) {
        this.org = org;
    }

    Response handle(HttpCall call) {
        org.usage().countCall("POST " + PATH);
        Map<String, String> form = new LinkedHashMap<>();
        for (String name : List.of("encoding", "oid", "retURL", "debug", "debugEmail")) {
            if (call.query(name) != null) {
                form.put(name, call.query(name));
            }
        }
        if ("POST".equals(call.method())) {
            form.putAll(call.form());
        }
        String oid = form.get("oid");
        if (org.orgId().equals(oid) || org.orgId().substring(0, 15).equals(oid)) {
            org.submitWebToLead(form);
        }
        return "1".equals(form.get("debug")) ? debugPage(form) : redirectPage(form.get("retURL"));
    }

    /**
     * The Lead field values of a submission, before validation: the form's snake_case names and the 15-character
     * ids of custom fields ({@code 00N...}); check boxes send {@code 1}. Form-level security does not apply,
     * because the servlet writes as the org's Default Lead Creator, not as an API user.
     */
    static ObjectNode fields(SObjectSchema lead, Map<String, String> form,
            Function<String, Optional<String>> customFieldNameById) {
        ObjectNode body = Json.object();
        form.forEach((name, value) -> {
            if (CONTROLS.contains(name)) {
                return;
            }
            Optional<String> field = Optional.ofNullable(STANDARD_FIELDS.get(name));
            if (field.isEmpty() && name.startsWith("00N")) {
                field = customFieldNameById.apply(name);
            }
            field.flatMap(lead::field).ifPresent(definition -> body.set(definition.name(), value(definition, value)));
        });
        return body;
    }

    private static JsonNode value(FieldDefinition field, String value) {
        if ("boolean".equals(field.type())) {
            boolean checked = "1".equals(value) || "on".equalsIgnoreCase(value) || "true".equalsIgnoreCase(value);
            return com.fasterxml.jackson.databind.node.BooleanNode.valueOf(checked);
        }
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(value);
    }

    private static Response redirectPage(String retUrl) {
        if (retUrl == null || retUrl.isBlank()) {
            return Response.html(200, "<html><head></head><body></body></html>");
        }
        String url = html(retUrl);
        return Response.html(200, "<html><head><meta http-equiv=\"Refresh\" content=\"0; URL=" + url + "\">"
                + "</head><body><script>if (this.SfdcApp && this.SfdcApp.projectOneNavigator) {"
                + " SfdcApp.projectOneNavigator.handleRedirect('" + url + "'); } else { window.location.replace('"
                + url + "'); }</script></body></html>");
    }

    /** {@code debug=1} shows what was received instead of redirecting; its exact page is UNCONFIRMED. */
    private static Response debugPage(Map<String, String> form) {
        StringBuilder page = new StringBuilder("<html><head><title>Salesforce Web-to-Lead debug</title></head><body>"
                + "<p>Salesforce.com Debug Page. Your debug value is set to 1. The following fields were submitted:"
                + "</p><table>");
        form.forEach((name, value) -> page.append("<tr><td>").append(html(name)).append("</td><td>")
                .append(html(value)).append("</td></tr>"));
        return Response.html(200, page.append("</table></body></html>").toString());
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
