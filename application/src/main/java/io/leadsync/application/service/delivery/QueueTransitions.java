package io.leadsync.application.service.delivery;

import io.leadsync.application.port.out.DeliveryQueue;
import io.leadsync.domain.sync.Delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Between the queue's entries and the domain's {@link Delivery}: a claimed entry becomes a CLAIMED delivery, the
 * domain decides its next state, and that state is written back with the queue's one matching call.
 */
final class QueueTransitions {
    private QueueTransitions() {
    }

    /** The entry {@code node} claimed, as the domain sees it. */
    static Delivery claimed(DeliveryQueue.Delivery entry, String node) {
        return Delivery.restore(entry.leadId(), entry.version(), Delivery.State.CLAIMED, entry.attempts(),
                entry.dueAt(), entry.lastError(), java.util.Optional.of(node));
    }

    /**
     * A batch's transitions: the delivered ones (nearly all of a batch) and the retries (all of a batch the CRM could
     * not take) are each written with one statement when the batch is settled; a give-up at once.
     */
    static final class Batch {
        private final DeliveryQueue queue;
        private final List<DeliveryQueue.Delivery> delivered = new ArrayList<>();
        private final List<Long> versions = new ArrayList<>();
        private final List<DeliveryQueue.Retry> retries = new ArrayList<>();

        Batch(DeliveryQueue queue) {
            this.queue = queue;
        }

        void apply(DeliveryQueue.Delivery entry, Delivery delivery, Instant now) {
            switch (delivery.state()) {
                case DELIVERED -> {
                    delivered.add(entry);
                    versions.add(delivery.deliveredVersion());
                }
                case DUE, HELD -> retries.add(new DeliveryQueue.Retry(entry, delivery.reason(), delivery.dueAt(),
                        delivery.attemptCounted()));
                default -> QueueTransitions.apply(queue, entry, delivery, now);
            }
        }

        /** Writes the delivered ones and the retries; call once, in the transaction that records the batch. */
        void settle() {
            if (!delivered.isEmpty()) {
                queue.delivered(delivered, versions);
            }
            if (!retries.isEmpty()) {
                queue.retryLaterAll(retries);
            }
        }
    }

    /** Writes the delivery's state after its transition; a delivery still CLAIMED is a bug in the caller. */
    static void apply(DeliveryQueue queue, DeliveryQueue.Delivery entry, Delivery delivery, Instant now) {
        switch (delivery.state()) {
            case DELIVERED -> queue.delivered(entry, delivery.deliveredVersion());
            case SKIPPED -> queue.giveUp(entry, DeliveryQueue.State.SKIPPED, delivery.reason().orElseThrow(), now);
            case FAILED -> queue.giveUp(entry, DeliveryQueue.State.FAILED, delivery.reason().orElseThrow(), now);
            case DUE, HELD -> queue.retryLater(entry, delivery.reason(), delivery.dueAt(), delivery.attemptCounted());
            default -> throw new IllegalStateException("a delivery left " + delivery.state());
        }
    }
}
