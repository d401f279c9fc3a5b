package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadsync.sandbox.salesforce.HttpCall.Response;
import io.leadsync.sandbox.salesforce.soql.SoqlException;
import io.leadsync.sandbox.salesforce.soql.SoqlQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The org's page layouts as the Tooling API's {@code Layout} shows them (SALESFORCE.md section 16): queried by
 * {@code TableEnumOrId}, read and updated ({@code PATCH}) with their {@code Metadata} of layoutSections, layoutColumns
 * and layoutItems ({@code field}, {@code behavior}). A new org has one layout per object (Lead, Contact, Account) with
 * the standard fields only: a custom field an integration creates is on no layout, so reps do not see it until someone
 * adds it. Editing layouts needs "Customize Application", reading them "View Setup".
 */
final class PageLayouts {

    /** The columns of a Tooling Layout row, as Salesforce names them. */
    private static final List<String> COLUMNS = List.of("Id", "Name", "TableEnumOrId", "LayoutType", "NamespacePrefix",
            "ManageableState", "FullName", "Metadata", "CreatedDate", "LastModifiedDate");
    private static final Set<String> BEHAVIORS = Set.of("Edit", "Required", "Readonly");

    private final SalesforceOrg org;
    private final Map<String, ObjectNode> layouts = new LinkedHashMap<>();
    private long next;

    PageLayouts(SalesforceOrg org) {
        this.org = org;
        reset();
    }

    /** Back to a new org's layouts: one per object, standard fields only. */
    synchronized void reset() {
        layouts.clear();
        next = 1;
        add("Lead", "Lead Layout", List.of(
                section("Lead Information", List.of(items("Required", "LastName", "Company"),
                        items("Edit", "FirstName", "Email", "Phone", "Title", "LeadSource", "Status", "Industry"))),
                section("Address Information", List.of(items("Edit", "City", "Country"))),
                section("Description Information", List.of(items("Edit", "Description")))));
        add("Contact", "Contact Layout", List.of(
                section("Contact Information", List.of(items("Required", "LastName"),
                        items("Edit", "FirstName", "AccountId", "Email", "Phone", "Title"))),
                section("Description Information", List.of(items("Edit", "Description")))));
        add("Account", "Account Layout", List.of(
                section("Account Information", List.of(items("Required", "Name"),
                        items("Edit", "Website", "Industry", "Phone"))),
                section("Description Information", List.of(items("Edit", "Description")))));
    }

    /** {@code tooling/sobjects/Layout/{id}}: GET the row, PATCH its Metadata (204), as an admin. */
    synchronized Response handle(HttpCall call, SandboxUser user, String version, List<String> rest) {
        if (rest.size() != 1) {
            throw ApiException.notFound();
        }
        ObjectNode layout = find(rest.get(0));
        switch (call.method()) {
            case "GET" -> {
                requirePermission(user, "View Setup");
                return Response.json(200, row(layout, COLUMNS, version));
            }
            case "PATCH" -> {
                requirePermission(user, "Customize Application");
                JsonNode body = call.json();
                JsonNode metadata = body.get("Metadata");
                if (metadata == null || !metadata.isObject()) {
                    throw new ApiException(400, ApiError.of("REQUIRED_FIELD_MISSING",
                            "Required fields are missing: [Metadata]", List.of("Metadata")));
                }
                ObjectNode checked = checked(layout.get("TableEnumOrId").asText(), (ObjectNode) metadata);
                layout.set("Metadata", checked);
                layout.put("LastModifiedDate", org.now().toString());
                return Response.empty(204);
            }
            default -> throw new ApiException(405, ApiError.of("METHOD_NOT_ALLOWED",
                    "HTTP Method '" + call.method() + "' not allowed. Allowed are GET,PATCH"));
        }
    }

    /**
     * {@code tooling/query} over Layout. As with CustomField, Metadata and FullName may only be selected by a query that
     * returns at most one row.
     */
    synchronized List<ObjectNode> query(SandboxUser user, SoqlQuery query, String version) {
        requirePermission(user, "View Setup");
        Map<String, String> canonical = new HashMap<>();
        for (String name : query.referencedFields()) {
            String column = COLUMNS.stream().filter(c -> c.equalsIgnoreCase(name)).findFirst()
                    .orElseThrow(() -> new SoqlException("INVALID_FIELD", "No such column '" + name
                            + "' on entity 'Layout'. If you are attempting to use a custom field, be sure to append"
                            + " the '__c' after the custom field name. Please reference your WSDL or the describe call"
                            + " for the appropriate names."));
            canonical.put(name.toLowerCase(Locale.ROOT), column);
        }
        java.util.function.BiFunction<ObjectNode, String, Object> value = (row, name) -> {
            JsonNode stored = row.get(canonical.getOrDefault(name.toLowerCase(Locale.ROOT), name));
            return stored == null || stored.isNull() || stored.isObject() ? null : stored.asText();
        };
        List<ObjectNode> matching = layouts.values().stream()
                .filter(row -> query.matches(name -> value.apply(row, name)))
                .sorted(query.ordering(value)).toList();
        int from = Math.min(matching.size(), query.offset().orElse(0));
        int to = query.limit().isPresent() ? Math.min(matching.size(), from + query.limit().getAsInt())
                : matching.size();
        List<String> columns = query.fields().stream().map(f -> canonical.get(f.toLowerCase(Locale.ROOT))).toList();
        if (to - from > 1 && (columns.contains("FullName") || columns.contains("Metadata"))) {
            throw new SoqlException("MALFORMED_QUERY", "When retrieving results with Metadata or FullName fields, the"
                    + " query qualifications must specify no more than one row for retrieval. Result size: "
                    + (to - from));
        }
        return matching.subList(from, to).stream().map(row -> row(row, columns, version)).toList();
    }

    /** The layouts of {@code object} with the fields each shows, for the control API: {@code {name: [fields]}}. */
    synchronized ObjectNode fieldsOn(String object) {
        ObjectNode body = Json.object();
        layouts.values().stream().filter(row -> row.get("TableEnumOrId").asText().equalsIgnoreCase(object))
                .forEach(row -> {
                    ArrayNode fields = body.putArray(row.get("Name").asText());
                    row.get("Metadata").path("layoutSections").forEach(section ->
                            section.path("layoutColumns").forEach(column -> column.path("layoutItems").forEach(
                                    item -> {
                                        if (item.hasNonNull("field")) {
                                            fields.add(item.get("field").asText());
                                        }
                                    })));
                });
        return body;
    }

    private ObjectNode find(String id) {
        String normalised = SalesforceIds.normalise(id);
        ObjectNode layout = normalised == null ? null : layouts.get(normalised);
        if (layout == null) {
            throw ApiException.notFound();
        }
        return layout;
    }

    /**
     * The Metadata a PATCH sends, checked as Salesforce's layout save does: every item names a field of the object
     * (once on the layout) with a known behavior. The wording of these errors is not in the digest (UNCONFIRMED).
     */
    private ObjectNode checked(String object, ObjectNode metadata) {
        SObjectSchema schema = org.schema(object);
        Set<String> seen = new java.util.HashSet<>();
        for (JsonNode section : metadata.path("layoutSections")) {
            for (JsonNode column : section.path("layoutColumns")) {
                for (JsonNode item : column.path("layoutItems")) {
                    String field = item.path("field").asText(null);
                    if (field == null) {
                        continue;
                    }
                    if (field.endsWith("__c") && schema.field(field).isEmpty()) {
                        throw new ApiException(400, ApiError.of("FIELD_INTEGRITY_EXCEPTION",
                                "Layout: field " + field + " does not exist on " + object, List.of("Metadata")));
                    }
                    if (!seen.add(field.toLowerCase(Locale.ROOT))) {
                        throw new ApiException(400, ApiError.of("FIELD_INTEGRITY_EXCEPTION",
                                "Layout: field " + field + " appears more than once", List.of("Metadata")));
                    }
                    if (!BEHAVIORS.contains(item.path("behavior").asText())) {
                        throw new ApiException(400, ApiError.of("FIELD_INTEGRITY_EXCEPTION",
                                "Layout: behavior of " + field + " must be Edit, Required or Readonly",
                                List.of("Metadata")));
                    }
                }
            }
        }
        return metadata.deepCopy();
    }

    private ObjectNode row(ObjectNode layout, List<String> columns, String version) {
        ObjectNode record = Json.object();
        String id = layout.get("Id").asText();
        record.putObject("attributes").put("type", "Layout")
                .put("url", "/services/data/v" + version + "/tooling/sobjects/Layout/" + id);
        columns.forEach(column -> record.set(column, layout.has(column) ? layout.get(column).deepCopy()
                : NullNode.instance));
        return record;
    }

    private static void requirePermission(SandboxUser user, String permission) {
        if (!user.isAdministrator()) {
            throw new ApiException(OrgSchema.INSUFFICIENT_ACCESS_STATUS, ApiError.of(
                    OrgSchema.INSUFFICIENT_ACCESS_CODE, "insufficient access rights on object id: you need the \""
                            + permission + "\" permission", List.of()));
        }
    }

    private void add(String object, String name, List<ObjectNode> sections) {
        String id = SalesforceIds.id("00h", next++);
        ObjectNode layout = Json.object();
        layout.put("Id", id);
        layout.put("Name", name);
        layout.put("TableEnumOrId", object);
        layout.put("LayoutType", "Standard");
        layout.putNull("NamespacePrefix");
        layout.put("ManageableState", "unmanaged");
        layout.put("FullName", object + "-" + name);
        ObjectNode metadata = layout.putObject("Metadata");
        ArrayNode array = metadata.putArray("layoutSections");
        sections.forEach(array::add);
        layout.put("CreatedDate", "2026-01-05T09:00:00.000+0000");
        layout.put("LastModifiedDate", "2026-01-05T09:00:00.000+0000");
        layouts.put(id, layout);
    }

    private static ObjectNode section(String label, List<ArrayNode> columns) {
        ObjectNode section = Json.object();
        section.put("customLabel", false);
        section.put("detailHeading", true);
        section.put("editHeading", true);
        section.put("label", label);
        section.put("style", columns.size() > 1 ? "TwoColumnsTopToBottom" : "OneColumn");
        ArrayNode layoutColumns = section.putArray("layoutColumns");
        for (ArrayNode items : columns) {
            ObjectNode column = layoutColumns.addObject();
            column.set("layoutItems", items);
            column.putNull("reserved");
        }
        return section;
    }

    private static ArrayNode items(String behavior, String... fields) {
        ArrayNode items = Json.array();
        new ArrayList<>(List.of(fields)).forEach(field -> items.addObject().put("behavior", behavior)
                .put("field", field));
        return items;
    }
}
