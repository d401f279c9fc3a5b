package io.leadsync.adapters.out.persistence;

import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.lead.FieldChange;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.sync.ChangeSource;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Between an outbox entry's change list and source and their columns. */
final class OutboxMapper {
    /** One field change as stored; a null before or after is "no value". */
    @Serdeable
    record ChangeDocument(String field, String before, String after) {
    }

    /** A change source as two columns: its kind and the actor or connection it names. */
    record SourceColumns(String kind, String ref) {
    }

    private OutboxMapper() {
    }

    static List<ChangeDocument> toDocuments(List<FieldChange> changes) {
        return changes.stream().map(change -> new ChangeDocument(change.field().apiName(),
                change.before().orElse(null), change.after().orElse(null))).toList();
    }

    static List<FieldChange> toChanges(List<ChangeDocument> documents) {
        return documents.stream().map(document -> new FieldChange(LeadField.byApiName(document.field()).orElseThrow(
                        () -> new IllegalStateException("stored change has an unknown field " + document.field())),
                Optional.ofNullable(document.before()), Optional.ofNullable(document.after()))).toList();
    }

    static SourceColumns toColumns(ChangeSource source) {
        if (source instanceof ChangeSource.Crm crm) {
            return new SourceColumns("CRM", crm.connectionId().value().toString());
        }
        return new SourceColumns("APP", ((ChangeSource.App) source).actor());
    }

    static ChangeSource toSource(String kind, String ref) {
        return switch (kind) {
            case "CRM" -> new ChangeSource.Crm(new ConnectionId(UUID.fromString(ref)));
            case "APP" -> new ChangeSource.App(ref);
            default -> throw new IllegalStateException("stored change has an unknown source kind " + kind);
        };
    }
}
