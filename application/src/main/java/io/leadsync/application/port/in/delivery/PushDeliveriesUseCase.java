package io.leadsync.application.port.in.delivery;

/**
 * Pushes what connections owe their CRMs: due deliveries are claimed with a lease, sent in the CRM's batches, and
 * each record's outcome recorded: linked, retried later with backoff, or failed with the CRM's reason.
 */
public interface PushDeliveriesUseCase {
    /** One round over the connections with due deliveries, one batch each; answers how many records were sent. */
    int pushDue(String node);
}
