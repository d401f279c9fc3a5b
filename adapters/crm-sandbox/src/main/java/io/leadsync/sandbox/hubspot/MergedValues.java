package io.leadsync.sandbox.hubspot;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The property values of the record a merge makes (HubSpot's "updated merge functionality"): the primary's values
 * win, blanks are filled from the other, the other's email joins {@code hs_additional_emails}, and
 * {@code hs_merged_object_ids} lists both ids and any they had absorbed.
 */
final class MergedValues {

    private MergedValues() {
    }

    static Map<String, String> of(ObjectType type, CrmStore.StoredObject primary, CrmStore.StoredObject merged) {
        Set<String> system = Set.of("hs_object_id", "createdate", type.lastModifiedProperty(), "hs_additional_emails",
                "hs_merged_object_ids");
        Map<String, String> values = new LinkedHashMap<>();
        primary.values.forEach((name, value) -> {
            if (!system.contains(name)) {
                values.put(name, value);
            }
        });
        merged.values.forEach((name, value) -> {
            if (!system.contains(name) && !name.equals("email") && !values.containsKey(name)) {
                values.put(name, value);
            }
        });
        if (type == ObjectType.CONTACTS) {
            Set<String> emails = new LinkedHashSet<>();
            split(primary.values.get("hs_additional_emails")).forEach(emails::add);
            String mergedEmail = merged.values.get("email");
            if (mergedEmail != null && !values.containsKey("email")) {
                values.put("email", mergedEmail);
            } else if (mergedEmail != null) {
                emails.add(mergedEmail);
            }
            split(merged.values.get("hs_additional_emails")).forEach(emails::add);
            if (!emails.isEmpty()) {
                values.put("hs_additional_emails", String.join(";", emails));
            }
        }
        Set<String> ids = new LinkedHashSet<>();
        split(primary.values.get("hs_merged_object_ids")).forEach(ids::add);
        ids.add(Long.toString(primary.id));
        ids.add(Long.toString(merged.id));
        split(merged.values.get("hs_merged_object_ids")).forEach(ids::add);
        values.put("hs_merged_object_ids", String.join(";", ids));
        return values;
    }

    static List<String> split(String value) {
        return value == null || value.isEmpty() ? List.of() : List.of(value.split(";"));
    }
}
