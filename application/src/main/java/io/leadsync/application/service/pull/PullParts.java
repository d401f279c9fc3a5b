package io.leadsync.application.service.pull;

import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.CrmLinkRepository;
import io.leadsync.application.port.out.DeliveryQueue;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.LeadRepository;
import io.leadsync.application.port.out.Outbox;
import io.leadsync.application.port.out.TransactionBoundary;

import java.time.Clock;
import java.util.concurrent.Executor;

/**
 * The stores a pull reads and writes, handed from the service to the classes that do one pull's work, and where a
 * pull reads its next page while it merges the last ({@link PagesAhead}).
 */
record PullParts(CrmConnectionRepository connections, LeadRepository leads, CrmLinkRepository links, Outbox outbox,
                 DeliveryQueue deliveries, PullAudit audit, LeadConversions conversions, MergedRecords merges, TransactionBoundary transactions,
                 IdGenerator ids, Clock clock, Executor fetchAhead) {
}
