package io.leadsync.application.testing;

import io.leadsync.application.port.out.CrmChangeReader;
import io.leadsync.application.port.out.CrmSession;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.lead.LeadField;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A CRM's records as a change reader sees them: edit them as a rep would, then read changes after a watermark. */
public final class FakeCrmChangeReader implements CrmChangeReader {
    private final CrmKind kind;
    private final int pageSize;
    private final Map<String, CrmChange> records = new LinkedHashMap<>();
    private final List<Deletion> deletions = new ArrayList<>();
    private int calls;
    private Runnable whileReading = () -> { };

    public FakeCrmChangeReader(CrmKind kind, int pageSize) {
        this.kind = kind;
        this.pageSize = pageSize;
    }

    /** A rep saves the record with these values (canonical, by app field) at {@code at}. */
    public void edit(String crmRecordId, Instant at, Map<LeadField, String> values) {
        Map<LeadField, Optional<String>> merged = new EnumMap<>(LeadField.class);
        CrmChange old = records.get(crmRecordId);
        if (old != null) {
            merged.putAll(old.values());
        }
        values.forEach((field, value) -> merged.put(field, Optional.ofNullable(value)));
        records.put(crmRecordId, new CrmChange(crmRecordId, at, merged, List.of()));
    }

    /** A rep converts the record into a Contact (and Account): it changes once more, read-only from then on. */
    public void convert(String crmRecordId, Instant at, io.leadsync.domain.crm.CrmConversion conversion) {
        CrmChange old = records.get(crmRecordId);
        records.put(crmRecordId, new CrmChange(crmRecordId, at, old == null ? Map.of() : old.values(), List.of(),
                Optional.of(conversion)));
    }

    /** A rep merges the record into {@code master}: the loser is deleted, naming its master. */
    public void merge(String loser, String master, Instant at) {
        records.remove(loser);
        deletions.add(new Deletion(loser, at, Optional.of(master)));
    }

    public void delete(String crmRecordId, Instant at) {
        records.remove(crmRecordId);
        deletions.add(new Deletion(crmRecordId, at));
    }

    /** Runs once, after the next page is read and before it is answered: a write that lands while the page travels. */
    public void whileReading(Runnable write) {
        this.whileReading = write;
    }

    public int calls() {
        return calls;
    }

    @Override
    public CrmKind kind() {
        return kind;
    }

    @Override
    public ChangePage changes(CrmSession session, ChangeWindow window, Optional<String> cursor) {
        calls++;
        int from = cursor.map(Integer::parseInt).orElse(0);
        List<CrmChange> matching = records.values().stream()
                .filter(change -> change.watermark().compareTo(window.after()) > 0
                        && !change.modifiedAt().isAfter(window.until()))
                .sorted(Comparator.comparing(CrmChange::watermark)).toList();
        List<CrmChange> page = matching.subList(Math.min(from, matching.size()),
                Math.min(from + pageSize, matching.size()));
        Optional<String> next = from + pageSize < matching.size() ? Optional.of(Integer.toString(from + pageSize))
                : Optional.empty();
        Runnable write = whileReading;
        whileReading = () -> { };
        List<CrmChange> read = List.copyOf(page);
        write.run();
        return new ChangePage(read, next, 1, Optional.empty());
    }

    @Override
    public DeletionPage deletions(CrmSession session, Instant since, Instant until) {
        calls++;
        return new DeletionPage(deletions.stream().filter(d -> d.deletedAt().isAfter(since)
                && !d.deletedAt().isAfter(until)).toList(), 1);
    }
}
