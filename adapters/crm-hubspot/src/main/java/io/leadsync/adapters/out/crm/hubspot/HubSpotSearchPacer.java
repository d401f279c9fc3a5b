package io.leadsync.adapters.out.crm.hubspot;

import java.time.Duration;
import java.util.Map;

/**
 * HubSpot's search limit, 5 calls a second per portal, kept on this side: each search reserves the earliest
 * moment at which it is the only fifth call within a second, and is told how long to wait for it. A reservation,
 * not a check, so that concurrent pulls of one portal do not all see the same free slot.
 */
final class HubSpotSearchPacer {
    /** A small margin over the second, for the time the call takes to reach HubSpot and HubSpot's own clock. */
    private static final long WINDOW_NANOS = Duration.ofMillis(1_030).toNanos();

    private final int perSecond;
    private final java.util.function.LongSupplier nanos;
    private final Map<String, java.util.ArrayDeque<Long>> sent = new java.util.HashMap<>();

    HubSpotSearchPacer(int perSecond, java.util.function.LongSupplier nanos) {
        this.perSecond = perSecond;
        this.nanos = nanos;
    }

    synchronized Duration reserve(String portal) {
        long now = nanos.getAsLong();
        java.util.ArrayDeque<Long> slots = sent.computeIfAbsent(portal, key -> new java.util.ArrayDeque<>());
        while (!slots.isEmpty() && now - slots.peekFirst() >= WINDOW_NANOS) {
            slots.removeFirst();
        }
        if (slots.size() < perSecond) {
            slots.addLast(now);
            return Duration.ZERO;
        }
        // The slot frees one window after the perSecond-th latest call: reserve it, as later callers will count it.
        long at = slots.removeFirst() + WINDOW_NANOS;
        at = Math.max(at, slots.isEmpty() ? at : slots.peekLast());
        slots.addLast(at);
        return Duration.ofNanos(Math.max(0, at - now));
    }
}
