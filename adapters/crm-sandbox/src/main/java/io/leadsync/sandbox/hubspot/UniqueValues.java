package io.leadsync.sandbox.hubspot;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Unique values across live records (contact email, hasUniqueValue properties) and HubSpot's 409 when taken. */
final class UniqueValues {

    private UniqueValues() {
    }

    /** A conflict with a live record other than {@code self}, in HubSpot's words; null when none. */
    static HubSpotError conflict(CrmStore store, CrmStore.Schema schema, ObjectType type, Map<String, String> values,
            Long self) {
        for (String property : store.uniqueProperties(type)) {
            String value = values.get(property);
            if (value == null || value.isEmpty()) {
                continue;
            }
            Optional<CrmStore.StoredObject> other = store.findByUnique(type, property, value)
                    .filter(r -> self == null || r.id != self);
            if (other.isEmpty() && property.equals("email") && type == ObjectType.CONTACTS) {
                // A merged contact keeps the absorbed emails in hs_additional_emails; they stay taken (digest 2).
                other = byAdditionalEmail(schema, value, self);
            }
            if (other.isPresent()) {
                String message = property.equals("email") && type == ObjectType.CONTACTS
                        ? "Contact already exists. Existing ID: " + other.get().id
                        // For custom unique properties the wording is UNCONFIRMED; the id is given the same way.
                        : "A " + type.upper().toLowerCase(Locale.ROOT) + " with the value '" + value
                                + "' for the unique property '" + property + "' already exists. Existing ID: "
                                + other.get().id;
                return HubSpotError.of(409, "CONFLICT", message);
            }
        }
        return null;
    }

    /** The live record other than {@code self} whose {@code hs_additional_emails} holds the email, if any. */
    private static Optional<CrmStore.StoredObject> byAdditionalEmail(CrmStore.Schema schema, String email, Long self) {
        Optional<CrmStore.StoredObject> first = schema.unique.first("hs_additional_emails", email,
                schema.records.values()).map(schema.records::get);
        if (first.isEmpty() || self == null || first.get().id != self) {
            return first;
        }
        // Rare: self holds it too; the lowest other one, as a scan in id order finds it.
        return schema.records.values().stream().filter(r -> !r.archived() && r.id != self && List.of(r.values
                .getOrDefault("hs_additional_emails", "").split(";")).contains(email)).findFirst();
    }
}
