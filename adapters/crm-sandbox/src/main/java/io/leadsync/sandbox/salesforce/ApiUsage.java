package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;

/** The org's rolling 24-hour API allowance, its limits resource, and the per-endpoint call counts tests read. */
final class ApiUsage {

    static final int DEFAULT_DAILY_API_REQUESTS = 15_000;
    static final Duration API_WINDOW = Duration.ofHours(24);

    private final Clock clock;
    private final Deque<Instant> apiCalls = new ArrayDeque<>();
    private final Map<String, Long> callCounts = new TreeMap<>();
    private int dailyApiRequests = DEFAULT_DAILY_API_REQUESTS;

    ApiUsage(Clock clock) {
        this.clock = clock;
    }

    synchronized void reset() {
        apiCalls.clear();
        callCounts.clear();
        dailyApiRequests = DEFAULT_DAILY_API_REQUESTS;
    }

    private Instant now() {
        return clock.instant();
    }

    /** Counts one REST call against the rolling 24-hour allowance, refusing it once the allowance is used up. */
    synchronized void consumeApiCall() {
        expireApiCalls();
        if (apiCalls.size() >= dailyApiRequests) {
            throw new ApiException(403, ApiError.of("REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded."));
        }
        apiCalls.addLast(now());
    }

    private void expireApiCalls() {
        Instant windowStart = now().minus(API_WINDOW);
        while (!apiCalls.isEmpty() && !apiCalls.peekFirst().isAfter(windowStart)) {
            apiCalls.removeFirst();
        }
    }

    synchronized String limitInfo() {
        expireApiCalls();
        return "api-usage=" + apiCalls.size() + "/" + dailyApiRequests;
    }

    synchronized ObjectNode limits() {
        expireApiCalls();
        ObjectNode body = Json.object();
        body.set("DailyApiRequests", maxRemaining(dailyApiRequests, Math.max(0, dailyApiRequests - apiCalls.size())));
        body.set("DailyBulkApiBatches", maxRemaining(15_000, 15_000));
        body.set("DailyBulkV2QueryJobs", maxRemaining(10_000, 10_000));
        body.set("DataStorageMB", maxRemaining(5, 5));
        return body;
    }

    private static ObjectNode maxRemaining(int max, int remaining) {
        ObjectNode node = Json.object();
        node.put("Max", max);
        node.put("Remaining", remaining);
        return node;
    }

    synchronized void dailyApiRequests(int max) {
        this.dailyApiRequests = max;
    }

    synchronized void countCall(String endpoint) {
        callCounts.merge(endpoint, 1L, Long::sum);
    }

    synchronized Map<String, Long> callCounts() {
        return new TreeMap<>(callCounts);
    }
}
