package io.leadsync.adapters.out.crm.salesforce;

import io.leadsync.application.port.out.AccessTokenRejectedException;
import io.leadsync.application.port.out.CrmSession;
import io.leadsync.application.port.out.CrmUnavailableException;
import io.leadsync.domain.crm.Readiness;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * LeadSync's fields on an object's page layouts, through the Tooling API's {@code Layout} (SALESFORCE.md section 16):
 * Salesforce shows a new custom field to nobody until an admin adds it to a layout. Each layout of the object is read;
 * when the connection asks for it, the fields a layout lacks are added to a section of its own labelled "LeadSync" (made
 * when absent) and the layout saved; the layouts that still hide a field come back as advice with the fix.
 */
final class SalesforcePageLayouts {
    static final String SECTION = "LeadSync";

    private final SalesforceSettings settings;
    private final SalesforceHttp http;

    SalesforcePageLayouts(SalesforceSettings settings, SalesforceHttp http) {
        this.settings = settings;
        this.http = http;
    }

    /**
     * The layouts of {@code object} that do not show every one of {@code fields} after this call, one problem each.
     *
     * @param place add the missing fields to each layout first
     */
    List<Readiness.Problem> check(CrmSession session, String object, List<String> fields, boolean place) {
        if (fields.isEmpty()) {
            return List.of();
        }
        SalesforceHttp.Response found = http.get(tooling(session, "/query?q=" + SalesforceHttp.encode(
                "SELECT Id, Name FROM Layout WHERE TableEnumOrId = '" + object + "'")), token(session));
        check(found);
        if (!found.ok() || found.body() == null || found.body().get("records") == null) {
            return List.of(problem(object, object + " page layouts", "could not be read ("
                    + SalesforceErrors.describe(found) + "), so whether reps see LeadSync's fields is unknown",
                    "connect as a user with the 'View Setup' permission, or check the layouts in Setup"));
        }
        List<Readiness.Problem> problems = new ArrayList<>();
        for (JsonNode row : found.body().get("records").values()) {
            String id = row.get("Id").getStringValue();
            String name = row.get("Name").getStringValue();
            SalesforceHttp.Response layout = http.get(tooling(session, "/sobjects/Layout/" + id), token(session));
            check(layout);
            if (!layout.ok() || layout.body() == null || layout.body().get("Metadata") == null) {
                problems.add(problem(object, name, "could not be read (" + SalesforceErrors.describe(layout) + ")",
                        "check the layout in Setup"));
                continue;
            }
            Map<String, Object> metadata = asMap(layout.body().get("Metadata"));
            Set<String> missing = new LinkedHashSet<>(fields);
            missing.removeAll(shown(metadata));
            if (missing.isEmpty()) {
                continue;
            }
            if (place) {
                SalesforceHttp.Response saved = http.patchJson(tooling(session, "/sobjects/Layout/" + id),
                        token(session), json(Map.of("Metadata", withSection(metadata, missing))));
                check(saved);
                if (saved.ok()) {
                    continue;
                }
                problems.add(problem(object, name, "hides " + String.join(", ", missing) + " from reps, and "
                        + "LeadSync could not add them (" + SalesforceErrors.describe(saved) + ")",
                        "connect as a user with the 'Customize Application' permission and choose Provision again, "
                                + "or add them to the layout in Setup"));
            } else {
                problems.add(problem(object, name, "hides " + String.join(", ", missing) + " from reps",
                        "turn on \"Add LeadSync's fields to page layouts\" in the connection's settings and choose "
                                + "Provision again, or in Setup add them to the layout \"" + name + "\""));
            }
        }
        return problems;
    }

    /** Every field a layout's Metadata shows, in any section. */
    @SuppressWarnings("unchecked")
    static Set<String> shown(Map<String, Object> metadata) {
        Set<String> shown = new LinkedHashSet<>();
        for (Object section : list(metadata.get("layoutSections"))) {
            for (Object column : list(((Map<String, Object>) section).get("layoutColumns"))) {
                for (Object item : list(((Map<String, Object>) column).get("layoutItems"))) {
                    Object field = ((Map<String, Object>) item).get("field");
                    if (field instanceof String name) {
                        shown.add(name);
                    }
                }
            }
        }
        return shown;
    }

    /**
     * The Metadata with {@code missing} added to its "LeadSync" section, made as the last section when absent; the
     * rest of the layout is sent back as it was read, since a PATCH of Metadata replaces the whole layout.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> withSection(Map<String, Object> metadata, Set<String> missing) {
        Map<String, Object> copy = new LinkedHashMap<>(metadata);
        List<Object> sections = new ArrayList<>(list(copy.get("layoutSections")));
        Map<String, Object> section = null;
        for (int i = 0; i < sections.size(); i++) {
            Map<String, Object> candidate = (Map<String, Object>) sections.get(i);
            if (SECTION.equals(candidate.get("label"))) {
                section = new LinkedHashMap<>(candidate);
                sections.set(i, section);
            }
        }
        if (section == null) {
            section = new LinkedHashMap<>();
            section.put("customLabel", true);
            section.put("detailHeading", true);
            section.put("editHeading", true);
            section.put("label", SECTION);
            section.put("style", "OneColumn");
            section.put("layoutColumns", List.of(Map.of("layoutItems", List.of())));
            sections.add(section);
        }
        List<Object> columns = new ArrayList<>(list(section.get("layoutColumns")));
        if (columns.isEmpty()) {
            columns.add(Map.of("layoutItems", List.of()));
        }
        Map<String, Object> first = new LinkedHashMap<>((Map<String, Object>) columns.get(0));
        List<Object> items = new ArrayList<>(list(first.get("layoutItems")));
        for (String field : missing) {
            items.add(Map.of("behavior", "Edit", "field", field));
        }
        first.put("layoutItems", items);
        columns.set(0, first);
        section.put("layoutColumns", columns);
        copy.put("layoutSections", sections);
        return copy;
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }

    private static Readiness.Problem problem(String object, String layout, String detail, String fix) {
        return new Readiness.Problem(Readiness.Kind.HIDDEN_ON_LAYOUT, object + " layout \"" + layout + "\"", detail,
                fix);
    }

    private static void check(SalesforceHttp.Response response) {
        if (response.status() == 401) {
            throw new AccessTokenRejectedException(SalesforceErrors.describe(response));
        }
        if (response.status() >= 500) {
            throw new CrmUnavailableException("Salesforce answered " + response.status());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(JsonNode node) {
        try {
            return ObjectMapper.getDefault().readValue(ObjectMapper.getDefault().writeValueAsString(node), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String json(Object value) {
        try {
            return ObjectMapper.getDefault().writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String token(CrmSession session) {
        return session.tokens().accessToken();
    }

    private URI tooling(CrmSession session, String path) {
        return URI.create(session.identity().instanceUrl().orElseThrow() + "/services/data/" + settings.apiVersion()
                + "/tooling" + path);
    }
}
