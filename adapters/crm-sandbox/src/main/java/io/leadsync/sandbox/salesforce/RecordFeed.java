package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The replication feed: {@code sobjects/X/updated} and {@code /deleted} over SystemModstamp, and the delete log
 * behind them (tombstones kept 15 days, or until the Recycle Bin is emptied). Not thread-safe:
 * {@link SalesforceOrg} calls it under its lock.
 */
final class RecordFeed {

    private final OrgSchema schemas;
    private final RecordStore store;
    private final Clock clock;
    /** When the last tombstone was physically removed (or the org was created): /deleted's earliestDateAvailable. */
    private Instant earliestDeletedAvailable;

    RecordFeed(OrgSchema schemas, RecordStore store, Clock clock) {
        this.schemas = schemas;
        this.store = store;
        this.clock = clock;
    }

    void reset() {
        earliestDeletedAvailable = clock.instant();
    }

    /** {@code GET sobjects/X/updated}: live records whose SystemModstamp falls in the window, oldest first. */
    ObjectNode updated(SandboxUser user, String object, Replication window) {
        SObjectSchema schema = schemas.schema(object);
        purgeDeleted();
        Instant now = clock.instant();
        List<String> ids = store.table(schema.name()).values().stream()
                .filter(r -> !r.path("IsDeleted").asBoolean())
                .filter(r -> window.covers(stamp(r), now))
                .sorted(Comparator.comparing(RecordFeed::stamp))
                .map(r -> r.get("Id").textValue())
                .toList();
        if (ids.size() > Replication.ID_LIMIT) {
            throw new ApiException(400, ApiError.of("EXCEEDED_ID_LIMIT", "The number of ids returned exceeds "
                    + Replication.ID_LIMIT + ". Narrow the time window."));
        }
        ObjectNode body = Json.object();
        body.set("ids", Json.strings(ids));
        body.put("latestDateCovered", SalesforceTime.format(window.latestDateCovered(now)));
        return body;
    }

    /** {@code GET sobjects/X/deleted}: tombstones deleted in the window, with their deletion time. */
    ObjectNode deleted(SandboxUser user, String object, Replication window) {
        SObjectSchema schema = schemas.schema(object);
        purgeDeleted();
        Instant now = clock.instant();
        ObjectNode body = Json.object();
        ArrayNode deleted = body.putArray("deletedRecords");
        store.table(schema.name()).values().stream()
                .filter(r -> r.path("IsDeleted").asBoolean())
                .filter(r -> window.covers(stamp(r), now))
                .sorted(Comparator.comparing(RecordFeed::stamp))
                .forEach(r -> deleted.addObject().put("id", r.get("Id").textValue())
                        .put("deletedDate", r.get("SystemModstamp").textValue()));
        body.put("earliestDateAvailable", SalesforceTime.format(
                earliestDeletedAvailable.truncatedTo(ChronoUnit.MINUTES)));
        body.put("latestDateCovered", SalesforceTime.format(window.latestDateCovered(now)));
        return body;
    }

    /**
     * Tombstones older than the delete log keeps (15 days) are removed for good, as is everything when the
     * Recycle Bin is emptied; then neither /deleted nor queryAll sees them, and earliestDateAvailable moves on.
     */
    void purgeDeleted() {
        purgeDeletedBefore(clock.instant().minus(Replication.DELETED_LOOK_BACK));
    }

    private void purgeDeletedBefore(Instant cutoff) {
        for (Map<String, ObjectNode> table : store.tables()) {
            var tombstones = table.values().iterator();
            while (tombstones.hasNext()) {
                ObjectNode record = tombstones.next();
                if (record.path("IsDeleted").asBoolean() && !stamp(record).isAfter(cutoff)) {
                    Instant deletedAt = stamp(record);
                    if (deletedAt.isAfter(earliestDeletedAvailable)) {
                        earliestDeletedAvailable = deletedAt;
                    }
                    tombstones.remove();
                }
            }
        }
    }

    /** Empties the Recycle Bin: every deleted record is gone for good. */
    void emptyRecycleBin() {
        purgeDeletedBefore(clock.instant());
        earliestDeletedAvailable = clock.instant();
    }

    private static Instant stamp(ObjectNode record) {
        return SalesforceTime.parse(record.get("SystemModstamp").textValue());
    }
}
