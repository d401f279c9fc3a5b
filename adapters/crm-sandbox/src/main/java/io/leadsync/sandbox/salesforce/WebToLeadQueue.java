package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Predicate;

/**
 * Web-to-Lead's daily allowance and queue (digest section 14): 500 leads per rolling 24 hours, up to 50,000 more
 * waiting, the rest dropped. Its own lock, taken before the org's when a waiting lead is created.
 */
final class WebToLeadQueue {

    /** Digest section 14: 500 Web-to-Lead leads per 24 h; the rest wait in a queue of up to 50,000. */
    static final int DAILY_LIMIT = 500;
    static final int PENDING_LIMIT = 50_000;

    private final Clock clock;
    /** Creates one lead from its fields, answering whether it was saved. */
    private final Predicate<ObjectNode> creator;
    private final Deque<Instant> webToLeadCreated = new ArrayDeque<>();
    private final Deque<ObjectNode> webToLeadPending = new ArrayDeque<>();
    private int webToLeadDailyLimit;
    private int webToLeadPendingLimit;
    private long webToLeadAccepted;
    private long webToLeadRejected;
    private long webToLeadDropped;

    WebToLeadQueue(Clock clock, Predicate<ObjectNode> creator) {
        this.clock = clock;
        this.creator = creator;
        reset();
    }

    synchronized void reset() {
        webToLeadCreated.clear();
        webToLeadPending.clear();
        webToLeadDailyLimit = DAILY_LIMIT;
        webToLeadPendingLimit = PENDING_LIMIT;
        webToLeadAccepted = 0;
        webToLeadRejected = 0;
        webToLeadDropped = 0;
    }

    /**
     * One form post for this org, as the Lead fields it names. Within the daily allowance the lead is created at
     * once; past it the submission waits (in order, behind any already waiting) until the rolling 24 hours free a
     * slot; past the queue's capacity it is dropped. Invalid submissions are rejected when they would be created. None of this reaches
     * the submitter.
     */
    synchronized void submit(ObjectNode fields) {
        process();
        if (webToLeadPending.isEmpty() && webToLeadCreated.size() < webToLeadDailyLimit) {
            create(fields);
        } else if (webToLeadPending.size() < webToLeadPendingLimit) {
            webToLeadPending.addLast(fields);
        } else {
            webToLeadDropped++;
        }
    }

    /** Creates the waiting Web-to-Lead leads the rolling window now has room for; called whenever the org is used. */
    synchronized void process() {
        Instant windowStart = clock.instant().minus(ApiUsage.API_WINDOW);
        while (!webToLeadCreated.isEmpty() && !webToLeadCreated.peekFirst().isAfter(windowStart)) {
            webToLeadCreated.removeFirst();
        }
        while (!webToLeadPending.isEmpty() && webToLeadCreated.size() < webToLeadDailyLimit) {
            create(webToLeadPending.removeFirst());
        }
    }

    synchronized ObjectNode stats() {
        process();
        ObjectNode body = Json.object();
        body.put("dailyLimit", webToLeadDailyLimit);
        body.put("pendingLimit", webToLeadPendingLimit);
        body.put("createdLast24h", webToLeadCreated.size());
        body.put("accepted", webToLeadAccepted);
        body.put("pending", webToLeadPending.size());
        body.put("dropped", webToLeadDropped);
        body.put("rejected", webToLeadRejected);
        return body;
    }

    synchronized void limits(int daily, int pending) {
        if (daily < 0 || pending < 0) {
            throw new IllegalArgumentException("Web-to-Lead limits must be 0 or more");
        }
        webToLeadDailyLimit = daily;
        webToLeadPendingLimit = pending;
    }

    private void create(ObjectNode fields) {
        if (creator.test(fields)) {
            webToLeadAccepted++;
            webToLeadCreated.addLast(clock.instant());
        } else {
            webToLeadRejected++;
        }
    }
}
