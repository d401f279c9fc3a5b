package io.leadsync.sandbox.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The portal's CRM data: property schemas and groups, records and contact-company associations. Property values
 * are strings, as on HubSpot's wire. Each write also appends a version, so that search, which lags behind writes
 * in HubSpot, can answer from the state of {@code lag} ago. Every method locks the instance.
 */
final class CrmStore {

    static final int MAX_UNIQUE_PROPERTIES = 10;
    static final int ASSOC_CONTACT_TO_COMPANY = 279;
    static final int ASSOC_COMPANY_TO_CONTACT = 280;
    private static final Duration DEFAULT_SEARCH_LAG = Duration.ofSeconds(1);

    /** A snapshot of a record at a moment; {@code values} null once it is archived. */
    record Version(Instant at, Map<String, String> values) {
    }

    static final class StoredObject {
        final long id;
        final Map<String, String> values = new TreeMap<>();
        final Instant createdAt;
        Instant updatedAt;
        Instant archivedAt;
        final List<Version> versions = new ArrayList<>();

        StoredObject(long id, Instant createdAt) {
            this.id = id;
            this.createdAt = createdAt;
            this.updatedAt = createdAt;
        }

        boolean archived() {
            return archivedAt != null;
        }
    }

    static final class Schema {
        final Map<String, PropertyDefinition> properties = new LinkedHashMap<>();
        final Map<String, PropertyDefinition> archivedProperties = new LinkedHashMap<>();
        final Map<String, ObjectNode> groups = new LinkedHashMap<>();
        final Map<Long, StoredObject> records = new TreeMap<>();
        /** Merged-away ids and the record each was merged into. */
        final Map<Long, Long> mergedInto = new java.util.HashMap<>();
        /** Live records by unique property value; told of every write below. */
        final UniqueIndex unique = new UniqueIndex();
    }

    private final Clock clock;
    private final Map<ObjectType, Schema> schemas = new EnumMap<>(ObjectType.class);
    private final Associations associations = new Associations();
    private long nextId;
    private final Notes notes = new Notes();
    private Duration searchLag = DEFAULT_SEARCH_LAG;
    private final AutomaticCompanies automaticCompanies = new AutomaticCompanies();

    CrmStore(Clock clock) {
        this.clock = clock;
        reset();
    }

    Instant now() {
        return clock.instant();
    }

    synchronized void reset() {
        schemas.clear();
        associations.clear();
        notes.clear();
        automaticCompanies.reset();
        nextId = 51201;
        searchLag = DEFAULT_SEARCH_LAG;
        Instant seeded = Instant.parse("2026-01-05T09:00:00Z");
        schemas.put(ObjectType.CONTACTS, SeedSchemas.contacts(seeded));
        schemas.put(ObjectType.COMPANIES, SeedSchemas.companies(seeded));
    }

    // ---- properties ----------------------------------------------------------------------------------------

    synchronized List<PropertyDefinition> properties(ObjectType type) {
        return List.copyOf(schemas.get(type).properties.values());
    }

    synchronized Optional<PropertyDefinition> property(ObjectType type, String name) {
        return Optional.ofNullable(schemas.get(type).properties.get(name));
    }

    synchronized List<ObjectNode> groups(ObjectType type) {
        return schemas.get(type).groups.values().stream().map(ObjectNode::deepCopy).toList();
    }

    synchronized ObjectNode createGroup(ObjectType type, JsonNode body) {
        return PropertySchemas.createGroup(schemas.get(type), body);
    }

    synchronized PropertyDefinition createProperty(ObjectType type, JsonNode body) {
        return PropertySchemas.createProperty(schemas.get(type), body, now());
    }

    synchronized List<PropertyDefinition> archivedProperties(ObjectType type) {
        return List.copyOf(schemas.get(type).archivedProperties.values());
    }

    /**
     * PATCH of a property: label, description, group, options, order, hidden and formField change; the name, type
     * of a HubSpot-defined property and {@code hasUniqueValue} never do (400).
     */
    synchronized PropertyDefinition updateProperty(ObjectType type, String name, JsonNode body) {
        return PropertySchemas.updateProperty(schemas.get(type), name, body, now());
    }

    /** Archives a custom property; its values leave every record. HubSpot-defined ones cannot go (400). */
    synchronized void archiveProperty(ObjectType type, String name) {
        PropertySchemas.archiveProperty(schemas.get(type), name);
        schemas.get(type).unique.dropProperty(name);
    }

    // ---- records -------------------------------------------------------------------------------------------

    synchronized Duration searchLag() {
        return searchLag;
    }

    synchronized void searchLag(Duration lag) {
        this.searchLag = lag;
    }

    /**
     * Checks and normalises the {@code properties} of a write. Answers the errors in HubSpot's per-property shape
     * ({@code isValid, message, error, name}); an empty list means {@code into} holds the values to store ("" clears).
     */
    synchronized List<ObjectNode> validate(ObjectType type, JsonNode properties, StoredObject current,
            Map<String, String> into) {
        return PropertyValues.validate(schemas.get(type), properties, current, into);
    }

    /** Another live record holding {@code value} in a unique property, e.g. the contact that owns an email. */
    synchronized Optional<StoredObject> findByUnique(ObjectType type, String property, String value) {
        String wanted = property.equals("email") ? value.trim().toLowerCase(Locale.ROOT) : value;
        Schema schema = schemas.get(type);
        return schema.unique.first(property, wanted, schema.records.values()).map(schema.records::get);
    }

    /** Properties that must not repeat across live records: email for contacts and hasUniqueValue ones. */
    synchronized List<String> uniqueProperties(ObjectType type) {
        List<String> unique = new ArrayList<>();
        if (type == ObjectType.CONTACTS) {
            unique.add("email");
        }
        schemas.get(type).properties.values().stream().filter(PropertyDefinition::hasUniqueValue)
                .map(PropertyDefinition::name).forEach(unique::add);
        return unique;
    }

    /** A conflict with a live record other than {@code self}, in HubSpot's words; null when none. */
    synchronized HubSpotError conflict(ObjectType type, Map<String, String> values, Long self) {
        return UniqueValues.conflict(this, schemas.get(type), type, values, self);
    }

    /** A note with its associations, already checked by the endpoint. */
    synchronized ObjectNode createNote(JsonNode properties, List<Long> contactIds, List<Long> companyIds) {
        return notes.create(Long.toString(nextId++), HubSpotTime.format(now()), properties, contactIds,
                companyIds);
    }

    synchronized Optional<ObjectNode> note(String id) {
        return notes.get(id);
    }

    synchronized List<ObjectNode> notes() {
        return notes.all();
    }

    synchronized StoredObject create(ObjectType type, Map<String, String> values) {
        Instant now = now();
        StoredObject record = new StoredObject(nextId++, now);
        values.forEach((name, value) -> {
            if (!value.isEmpty()) {
                record.values.put(name, value);
            }
        });
        record.values.put("hs_object_id", Long.toString(record.id));
        record.values.put("createdate", HubSpotTime.format(now));
        record.values.put(type.lastModifiedProperty(), HubSpotTime.format(now));
        schemas.get(type).records.put(record.id, record);
        schemas.get(type).unique.added(record);
        snapshot(record);
        if (type == ObjectType.CONTACTS) {
            automaticCompanies.onNewContact(this, record);
        }
        return record;
    }

    synchronized void automaticCompanies(boolean enabled) {
        automaticCompanies.enabled(enabled);
    }

    synchronized boolean automaticCompanies() {
        return automaticCompanies.enabled();
    }

    synchronized void update(ObjectType type, StoredObject record, Map<String, String> values) {
        UniqueIndex unique = schemas.get(type).unique;
        unique.removed(record);
        values.forEach((name, value) -> {
            if (value.isEmpty()) {
                record.values.remove(name);
            } else {
                record.values.put(name, value);
            }
        });
        Instant now = now();
        if (!now.isAfter(record.updatedAt)) {
            // Two writes in one millisecond still order, so "modified since" syncs never miss the second one.
            now = record.updatedAt.plusMillis(1);
        }
        record.updatedAt = now;
        record.values.put(type.lastModifiedProperty(), HubSpotTime.format(now));
        unique.added(record);
        snapshot(record);
    }

    synchronized void archive(StoredObject record) {
        if (!record.archived()) {
            schemas.values().forEach(schema -> schema.unique.removed(record));
            record.archivedAt = now();
            record.versions.add(new Version(record.archivedAt, null));
            // Ids are unique across object types: the record is one end or the other.
            associations.removeContact(record.id);
            associations.removeCompany(record.id);
        }
    }

    private void snapshot(StoredObject record) {
        record.versions.add(new Version(record.updatedAt, Map.copyOf(record.values)));
    }

    synchronized Optional<StoredObject> byId(ObjectType type, String id) {
        if (id == null || !id.matches("\\d{1,18}")) {
            return Optional.empty();
        }
        return Optional.ofNullable(schemas.get(type).records.get(Long.parseLong(id)));
    }

    /**
     * The record named by {@code id}: its object id, or the value of {@code idProperty} (email or a unique
     * property). Unknown idProperty is a 400, as in HubSpot.
     */
    synchronized Optional<StoredObject> find(ObjectType type, String id, String idProperty, boolean archived) {
        if (idProperty == null || idProperty.equals("hs_object_id")) {
            return byId(type, id).filter(r -> r.archived() == archived);
        }
        checkIdProperty(type, idProperty);
        if (archived) {
            return schemas.get(type).records.values().stream()
                    .filter(r -> r.archived() && id.equalsIgnoreCase(r.values.getOrDefault(idProperty, "")))
                    .findFirst();
        }
        return findByUnique(type, idProperty, id);
    }

    synchronized void checkIdProperty(ObjectType type, String idProperty) {
        if (idProperty.equals("hs_object_id") || uniqueProperties(type).contains(idProperty)) {
            return;
        }
        throw HubSpotError.validation("Invalid idProperty '" + idProperty + "': it must be a property with"
                + " unique values (hasUniqueValue)" + (type == ObjectType.CONTACTS ? " or email" : ""));
    }

    synchronized List<StoredObject> all(ObjectType type) {
        return List.copyOf(schemas.get(type).records.values());
    }

    /** What search sees: each record as it was {@code searchLag} ago, archived ones left out. */
    synchronized List<Map.Entry<StoredObject, Map<String, String>>> searchable(ObjectType type) {
        return SearchHorizon.visible(schemas.get(type).records.values(), now().minus(searchLag));
    }

    /** A record as the v3 API shows it, with the properties asked for (null when unset) or the defaults. */
    synchronized ObjectNode toJson(ObjectType type, StoredObject record, Collection<String> requested,
            boolean everything) {
        return toJson(type, record, record.values, requested, everything);
    }

    synchronized ObjectNode toJson(ObjectType type, StoredObject record, Map<String, String> values,
            Collection<String> requested, boolean everything) {
        return RecordJson.of(schemas.get(type), type, record, values, requested, everything);
    }

    /**
     * Merges two records as HubSpot has since its "updated merge functionality" changelog: a new record with a new id
     * takes both. The primary's values win, blanks are filled from the other; the other's email joins
     * {@code hs_additional_emails}; {@code hs_merged_object_ids} lists both ids (and any they had absorbed); the
     * associations of both move over. Both old records are gone (not archived, no search hit), and a read of either
     * old id answers the new record, under its new id.
     */
    synchronized StoredObject merge(ObjectType type, StoredObject primary, StoredObject merged) {
        Map<String, String> values = MergedValues.of(type, primary, merged);
        List<Long> others = new ArrayList<>(associated(type, primary.id));
        associated(type, merged.id).stream().filter(id -> !others.contains(id)).forEach(others::add);
        remove(type, primary);
        remove(type, merged);
        Map<Long, Long> redirects = schemas.get(type).mergedInto;
        // Not create(): the merged record is no new contact, so the portal's automatic companies leave it alone.
        Instant now = now();
        StoredObject result = new StoredObject(nextId++, now);
        result.values.putAll(values);
        result.values.put("hs_object_id", Long.toString(result.id));
        result.values.put("createdate", HubSpotTime.format(now));
        result.values.put(type.lastModifiedProperty(), HubSpotTime.format(now));
        schemas.get(type).records.put(result.id, result);
        schemas.get(type).unique.added(result);
        snapshot(result);
        redirects.put(primary.id, result.id);
        redirects.put(merged.id, result.id);
        for (Long other : others) {
            if (type == ObjectType.CONTACTS) {
                associate(result.id, other);
            } else {
                associate(other, result.id);
            }
        }
        return result;
    }

    /**
     * The live record an id names, following merges: a merged-away id answers the record it was merged into (HubSpot:
     * "fetching any records using the original IDs will return the new merged record with the new ID"). For reads.
     */
    synchronized Optional<StoredObject> followingMerges(ObjectType type, String id) {
        Optional<StoredObject> direct = byId(type, id);
        if (direct.isPresent() || id == null || !id.matches("\\d{1,18}")) {
            return direct.filter(r -> !r.archived());
        }
        Schema schema = schemas.get(type);
        Long target = schema.mergedInto.get(Long.parseLong(id));
        for (int hops = 0; target != null && hops < 250; hops++) {
            StoredObject record = schema.records.get(target);
            if (record != null) {
                return Optional.of(record).filter(r -> !r.archived());
            }
            target = schema.mergedInto.get(target);
        }
        return Optional.empty();
    }

    /** Gone for good: no archive, no search hit, no associations (merge and GDPR delete). */
    synchronized void remove(ObjectType type, StoredObject record) {
        schemas.get(type).unique.removed(record);
        schemas.get(type).records.remove(record.id);
        if (type == ObjectType.CONTACTS) {
            associations.removeContact(record.id);
        } else {
            associations.removeCompany(record.id);
        }
    }

    // ---- associations --------------------------------------------------------------------------------------

    synchronized void associate(long contactId, long companyId) {
        associations.add(contactId, companyId);
    }

    synchronized boolean dissociate(long contactId, long companyId) {
        return associations.remove(contactId, companyId);
    }

    /** Ids associated with a record of {@code from}, in the other type. */
    synchronized List<Long> associated(ObjectType from, long id) {
        return from == ObjectType.CONTACTS ? associations.companiesOf(id) : associations.contactsOf(id);
    }
}
