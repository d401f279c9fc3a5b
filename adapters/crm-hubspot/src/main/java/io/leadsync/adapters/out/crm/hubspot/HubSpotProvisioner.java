package io.leadsync.adapters.out.crm.hubspot;

import io.leadsync.application.port.out.CrmProvisioner;
import io.leadsync.application.port.out.CrmSession;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.crm.Readiness;
import io.leadsync.domain.crm.SyncDirection;
import io.leadsync.domain.lead.LeadField;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Provisions a HubSpot portal for a connection (ARCHITECTURE.md section 3, HUBSPOT.md section 4): a property group
 * named after the field prefix, then every mapped contact property the portal lacks, with the type that holds its
 * field and the lead id as a unique-value property; then checks the portal's properties against the mapping. Each
 * step looks at what exists first, so running it again is safe.
 */
@Singleton
@Requires(beans = HubSpotSettings.class)
final class HubSpotProvisioner implements CrmProvisioner {
    /** Where an admin grants what creating properties needs. */
    private static final String PERMISSION_FIX = "connect as a HubSpot super admin, or give %s the 'Edit property "
            + "settings' permission (Settings > Users & Teams > Permissions > Account > Properties), then choose "
            + "Provision again";

    private final HubSpotHttp http;

    HubSpotProvisioner(HubSpotHttp http) {
        this.http = http;
    }

    @Override
    public CrmKind kind() {
        return CrmKind.HUBSPOT;
    }

    /** Calls made before a failure are not counted; the refused call is, by the caller. */
    @Override
    public Provisioned provisionCounting(CrmSession session) {
        int before = http.callsOnThisThread();
        Readiness readiness = provision(session);
        return new Provisioned(readiness, http.callsOnThisThread() - before);
    }

    @Override
    public Readiness provision(CrmSession session) {
        Map<String, JsonNode> existing = properties(session);
        List<FieldMapping> missing = session.mappings().stream()
                .filter(mapping -> !existing.containsKey(mapping.crmField())).toList();
        if (!missing.isEmpty()) {
            String group = groupName(session);
            Optional<Readiness.Problem> problem = createGroup(session, group);
            for (int i = 0; problem.isEmpty() && i < missing.size(); i++) {
                problem = createProperty(session, missing.get(i), group);
            }
            if (problem.isPresent()) {
                return new Readiness(List.of(problem.get()));
            }
        }
        return verify(session);
    }

    @Override
    public Readiness verify(CrmSession session) {
        Map<String, JsonNode> existing = properties(session);
        List<Readiness.Problem> problems = new ArrayList<>();
        for (FieldMapping mapping : session.mappings()) {
            String name = mapping.crmField();
            JsonNode property = existing.get(name);
            Map<String, Object> wanted = HubSpotPropertyTypes.definition(mapping.appField(), name, groupName(session));
            if (property == null) {
                problems.add(new Readiness.Problem(Readiness.Kind.MISSING, name, "is not a contact property of the portal",
                        "choose Provision again, or create the contact property " + name + " of type "
                                + HubSpotPropertyTypes.describe(wanted) + " in HubSpot (Settings > Properties)"));
                continue;
            }
            String type = HubSpotHttp.text(property, "type").orElse("");
            if (!HubSpotPropertyTypes.holds(type, mapping.appField())) {
                problems.add(new Readiness.Problem(Readiness.Kind.WRONG_TYPE, name, "is of type " + type
                        + ", which cannot hold " + mapping.appField().apiName(),
                        "map " + mapping.appField().apiName() + " to a property of type "
                                + HubSpotPropertyTypes.describe(wanted)));
            }
            SyncDirection direction = mapping.direction();
            if (direction.allowsPush() && readOnly(property)) {
                problems.add(new Readiness.Problem(Readiness.Kind.NOT_WRITABLE, name,
                        "is read-only: HubSpot calculates or owns its value",
                        "map " + mapping.appField().apiName() + " to a property LeadSync can write, or pull it only"));
            }
            if (mapping.appField() == LeadField.LEAD_ID && !flag(property, "hasUniqueValue")) {
                problems.add(new Readiness.Problem(Readiness.Kind.NOT_EXTERNAL_ID, name,
                        "does not require unique values, so upserts cannot match contacts by LeadSync's lead id",
                        "HubSpot cannot make an existing property unique: delete or rename " + name
                                + " in HubSpot and choose Provision again"));
            }
        }
        return new Readiness(problems);
    }

    /** The portal's contact properties, by label, with the LeadSync fields each type holds (the readiness rule). */
    @Override
    public Fields fields(CrmSession session) {
        List<CrmField> fields = new ArrayList<>();
        for (JsonNode property : properties(session).values()) {
            String type = HubSpotHttp.text(property, "type").orElse("");
            java.util.Set<LeadField> holds = java.util.EnumSet.noneOf(LeadField.class);
            for (LeadField each : LeadField.values()) {
                if (HubSpotPropertyTypes.holds(type, each)) {
                    holds.add(each);
                }
            }
            String name = HubSpotHttp.text(property, "name").orElseThrow();
            fields.add(new CrmField(name, HubSpotHttp.text(property, "label").orElse(name), type, !readOnly(property),
                    holds));
        }
        fields.sort(java.util.Comparator.comparing(CrmField::label, String.CASE_INSENSITIVE_ORDER));
        return new Fields(fields, 1);
    }

    private Map<String, JsonNode> properties(CrmSession session) {
        HubSpotHttp.Response response = http.get(http.api("/crm/v3/properties/contacts"),
                session.tokens().accessToken());
        if (!response.ok() || response.body() == null || response.body().get("results") == null) {
            throw HubSpotErrors.failure(response, "reading the contact properties");
        }
        Map<String, JsonNode> byName = new HashMap<>();
        for (JsonNode property : response.body().get("results").values()) {
            HubSpotHttp.text(property, "name").ifPresent(name -> byName.put(name, property));
        }
        return byName;
    }

    private Optional<Readiness.Problem> createGroup(CrmSession session, String group) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", group);
        body.put("label", HubSpotPropertyTypes.groupLabel(group));
        body.put("displayOrder", -1);
        HubSpotHttp.Response response = http.postJson(http.api("/crm/v3/properties/contacts/groups"),
                session.tokens().accessToken(), body);
        if (response.ok() || response.status() == 409) {
            return Optional.empty();
        }
        return refusal(session, response, "contact property group " + group, "create the property group");
    }

    private Optional<Readiness.Problem> createProperty(CrmSession session, FieldMapping mapping, String group) {
        Map<String, Object> definition = HubSpotPropertyTypes.definition(mapping.appField(), mapping.crmField(), group);
        HubSpotHttp.Response response = http.postJson(http.api("/crm/v3/properties/contacts"),
                session.tokens().accessToken(), definition);
        // 409: created meanwhile (another run, or by hand); verify judges whether it fits.
        if (response.ok() || response.status() == 409) {
            return Optional.empty();
        }
        return refusal(session, response, mapping.crmField(), "create contact properties");
    }

    private Optional<Readiness.Problem> refusal(CrmSession session, HubSpotHttp.Response response, String what,
                                                String action) {
        String user = session.identity().userEmail();
        if (response.status() == 403) {
            return Optional.of(new Readiness.Problem(Readiness.Kind.MISSING_PERMISSION, what,
                    user + " may not " + action + " (HubSpot: " + HubSpotErrors.describe(response) + ")",
                    String.format(Locale.ROOT, PERMISSION_FIX, user)));
        }
        if (response.status() == 400 || response.status() == 404) {
            return Optional.of(new Readiness.Problem(Readiness.Kind.MISSING, what,
                    "could not be created: " + HubSpotErrors.describe(response),
                    "create it in HubSpot (Settings > Properties), or fix the cause and choose Provision again"));
        }
        throw HubSpotErrors.failure(response, "provisioning " + what);
    }

    /** The group is named after the mapping's field prefix, which is the product's: {@code leadsync}. */
    private static String groupName(CrmSession session) {
        return session.mappings().stream().filter(mapping -> mapping.appField() == LeadField.LEAD_ID)
                .map(FieldMapping::crmField).findFirst()
                .map(name -> name.endsWith("_lead_id") ? name.substring(0, name.length() - "_lead_id".length()) : "leadsync")
                .orElse("leadsync");
    }

    private static boolean readOnly(JsonNode property) {
        JsonNode metadata = property.get("modificationMetadata");
        return metadata != null && flag(metadata, "readOnlyValue");
    }

    private static boolean flag(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value != null && value.isBoolean() && value.getBooleanValue();
    }
}
