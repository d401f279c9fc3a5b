package io.leadsync.application.service.configure;

import io.leadsync.application.port.in.ConnectionNotFoundException;
import io.leadsync.application.port.in.configure.ReplaceMappingsCommand;
import io.leadsync.application.port.in.configure.ReplaceMappingsUseCase;
import io.leadsync.application.port.out.AuditEntry;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.lead.LeadField;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Replaces a connection's field mapping in one transaction with its audit entry, after {@link MappingRules} found
 * nothing wrong; a refused mapping changes nothing. The mapping is read by each push and pull when it starts, so the
 * next cycle uses the new one.
 */
public final class ReplaceMappingsService implements ReplaceMappingsUseCase {
    private final CrmConnectionRepository connections;
    private final AuditLog audit;
    private final TransactionBoundary transactions;
    private final IdGenerator ids;
    private final Clock clock;

    public ReplaceMappingsService(CrmConnectionRepository connections, AuditLog audit, TransactionBoundary transactions,
                                  IdGenerator ids, Clock clock) {
        this.connections = connections;
        this.audit = audit;
        this.transactions = transactions;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public MappingsChanged replaceMappings(ReplaceMappingsCommand command) {
        Instant now = clock.instant();
        return transactions.inTransaction(() -> {
            // Checked and replaced on the connection as it is under its row lock (ADR 0094): the rules read its
            // settings, which an admin may be changing at the same moment.
            java.util.concurrent.atomic.AtomicReference<List<FieldMapping>> before =
                    new java.util.concurrent.atomic.AtomicReference<>();
            CrmConnection connection = connections.update(command.workspaceId(), command.connectionId(), current -> {
                List<FieldMapping> requested = MappingRules.check(current, command.mappings());
                before.set(current.mappings());
                if (!requested.equals(current.mappings())) {
                    current.changeSettings(current.settings(), requested, now);
                }
            }).orElseThrow(() -> new ConnectionNotFoundException(command.connectionId().toString()));
            List<FieldMapping> requested = connection.mappings();
            if (requested.equals(before.get())) {
                return new MappingsChanged(connection, List.of());
            }
            audit.record(new AuditEntry(ids.newId(), command.workspaceId(), now, command.actor(),
                    "connection.mappings-changed", Optional.empty(), Optional.of(connection.id().value()),
                    describe(before.get(), requested)));
            return new MappingsChanged(connection, pushedChanges(before.get(), requested));
        });
    }

    /**
     * The app fields the CRM's records now hold stale or no values for: pushed fields that are new, go to another CRM
     * field, or were not pushed before. A changed conflict policy alone needs no backfill.
     */
    private static List<LeadField> pushedChanges(List<FieldMapping> before, List<FieldMapping> after) {
        Map<LeadField, FieldMapping> old = new EnumMap<>(LeadField.class);
        before.forEach(mapping -> old.put(mapping.appField(), mapping));
        return after.stream().filter(mapping -> mapping.direction().allowsPush()).filter(mapping -> {
            FieldMapping earlier = old.get(mapping.appField());
            return earlier == null || !earlier.crmField().equals(mapping.crmField())
                    || !earlier.direction().allowsPush();
        }).map(FieldMapping::appField).sorted().toList();
    }

    private static String describe(List<FieldMapping> before, List<FieldMapping> after) {
        return "from " + summary(before) + " to " + summary(after);
    }

    private static String summary(List<FieldMapping> mappings) {
        return mappings.stream().map(mapping -> mapping.appField().apiName() + "->" + mapping.crmField()
                        + (mapping.direction() == io.leadsync.domain.crm.SyncDirection.BIDIRECTIONAL ? ""
                        : " " + mapping.direction()) + mapping.conflictOverride().map(policy -> " " + policy).orElse(""))
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
