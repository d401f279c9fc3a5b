package io.leadsync.sandbox.hubspot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** What HubSpot's search sees: each record as its last version before the horizon, archived ones left out. */
final class SearchHorizon {

    private SearchHorizon() {
    }

    static List<Map.Entry<CrmStore.StoredObject, Map<String, String>>> visible(
            Collection<CrmStore.StoredObject> records, Instant horizon) {
        List<Map.Entry<CrmStore.StoredObject, Map<String, String>>> visible = new ArrayList<>();
        for (CrmStore.StoredObject record : records) {
            Map<String, String> seen = null;
            boolean indexed = false;
            for (CrmStore.Version version : record.versions) {
                if (version.at().isAfter(horizon)) {
                    break;
                }
                indexed = true;
                seen = version.values();
            }
            if (indexed && seen != null) {
                visible.add(Map.entry(record, seen));
            }
        }
        return visible;
    }
}
