package io.leadsync.sandbox.hubspot;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A CRM object type the portal serves, with the names v3 and v4 paths use for it. */
enum ObjectType {
    CONTACTS("contacts", "contact", "0-1", "CONTACT", "lastmodifieddate",
            List.of("createdate", "email", "firstname", "hs_object_id", "lastmodifieddate", "lastname")),
    COMPANIES("companies", "company", "0-2", "COMPANY", "hs_lastmodifieddate",
            List.of("createdate", "domain", "hs_lastmodifieddate", "hs_object_id", "name"));

    private final String plural;
    private final String singular;
    private final String typeId;
    private final String upper;
    private final String lastModifiedProperty;
    private final List<String> defaultProperties;

    ObjectType(String plural, String singular, String typeId, String upper, String lastModifiedProperty,
            List<String> defaultProperties) {
        this.plural = plural;
        this.singular = singular;
        this.typeId = typeId;
        this.upper = upper;
        this.lastModifiedProperty = lastModifiedProperty;
        this.defaultProperties = defaultProperties;
    }

    /** v3 paths use the plural; v4 paths are seen with the singular, the plural and the type id. */
    static Optional<ObjectType> parse(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (ObjectType type : values()) {
            if (type.plural.equals(lower) || type.singular.equals(lower) || type.typeId.equals(lower)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    String plural() {
        return plural;
    }

    String typeId() {
        return typeId;
    }

    /** As HubSpot names the type in messages: "Could not get some CONTACT objects". */
    String upper() {
        return upper;
    }

    String lastModifiedProperty() {
        return lastModifiedProperty;
    }

    List<String> defaultProperties() {
        return defaultProperties;
    }

    String readScope() {
        return "crm.objects." + plural + ".read";
    }

    String writeScope() {
        return "crm.objects." + plural + ".write";
    }

    String schemaReadScope() {
        return "crm.schemas." + plural + ".read";
    }

    String schemaWriteScope() {
        return "crm.schemas." + plural + ".write";
    }
}
