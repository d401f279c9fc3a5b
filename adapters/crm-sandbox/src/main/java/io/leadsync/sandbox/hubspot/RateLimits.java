package io.leadsync.sandbox.hubspot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The portal's API limits, on the sandbox clock: a rolling 10-second burst limit (110 for a public OAuth app), a
 * daily limit that resets at midnight in the portal's time zone, and the search endpoints' own 5 requests per
 * second. Search calls count toward the daily limit only and carry no rate-limit headers, as in HubSpot.
 */
final class RateLimits {

    static final int DEFAULT_TEN_SECONDLY = 110;
    static final int DEFAULT_DAILY = 250_000;
    static final int DEFAULT_SEARCH_PER_SECOND = 5;
    static final ZoneId PORTAL_ZONE = ZoneId.of("America/New_York");
    private static final Duration WINDOW = Duration.ofSeconds(10);

    private final Clock clock;
    private final Deque<Instant> window = new ArrayDeque<>();
    private final Deque<Instant> searchWindow = new ArrayDeque<>();
    private int tenSecondlyMax;
    private int dailyMax;
    private int searchPerSecond;
    /** The digest says OAuth apps get no daily headers; a switch lets a test play a private app. */
    private boolean dailyHeaders;
    private LocalDate day;
    private long dailyUsed;

    RateLimits(Clock clock) {
        this.clock = clock;
        reset();
    }

    synchronized void reset() {
        window.clear();
        searchWindow.clear();
        tenSecondlyMax = DEFAULT_TEN_SECONDLY;
        dailyMax = DEFAULT_DAILY;
        searchPerSecond = DEFAULT_SEARCH_PER_SECOND;
        dailyHeaders = false;
        day = null;
        dailyUsed = 0;
    }

    /** Takes one request from the allowance; the headers to send, or a 429 when the allowance is spent. */
    synchronized Map<String, String> take() {
        Instant now = clock.instant();
        rollDay(now);
        while (!window.isEmpty() && !window.peekFirst().isAfter(now.minus(WINDOW))) {
            window.removeFirst();
        }
        if (dailyUsed >= dailyMax) {
            throw tooMany("You have reached your daily limit.", "DAILY", headers());
        }
        if (window.size() >= tenSecondlyMax) {
            throw tooMany("You have reached your ten_secondly_rolling limit.", "TEN_SECONDLY_ROLLING", headers());
        }
        window.addLast(now);
        dailyUsed++;
        return headers();
    }

    synchronized void takeSearch() {
        Instant now = clock.instant();
        rollDay(now);
        while (!searchWindow.isEmpty() && !searchWindow.peekFirst().isAfter(now.minusSeconds(1))) {
            searchWindow.removeFirst();
        }
        if (dailyUsed >= dailyMax) {
            throw tooMany("You have reached your daily limit.", "DAILY", Map.of());
        }
        if (searchWindow.size() >= searchPerSecond) {
            // Message and policy as seen in client issues (HGData/mk-node-hubspot#89); the digest leaves it open.
            throw tooMany("You have reached your secondly limit.", "SECONDLY", Map.of());
        }
        searchWindow.addLast(now);
        dailyUsed++;
    }

    private void rollDay(Instant now) {
        LocalDate today = now.atZone(PORTAL_ZONE).toLocalDate();
        if (!today.equals(day)) {
            day = today;
            dailyUsed = 0;
        }
    }

    private Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        if (dailyHeaders) {
            headers.put("X-HubSpot-RateLimit-Daily", Integer.toString(dailyMax));
            headers.put("X-HubSpot-RateLimit-Daily-Remaining", Long.toString(Math.max(0, dailyMax - dailyUsed)));
        }
        headers.put("X-HubSpot-RateLimit-Interval-Milliseconds", Long.toString(WINDOW.toMillis()));
        headers.put("X-HubSpot-RateLimit-Max", Integer.toString(tenSecondlyMax));
        headers.put("X-HubSpot-RateLimit-Remaining", Integer.toString(Math.max(0, tenSecondlyMax - window.size())));
        return headers;
    }

    private static HubSpotError tooMany(String message, String policy, Map<String, String> headers) {
        ObjectNode body = HubSpotJson.object();
        body.put("status", "error");
        body.put("message", message);
        body.put("errorType", "RATE_LIMIT");
        body.put("correlationId", HubSpotError.correlationId());
        body.put("policyName", policy);
        body.put("requestId", HubSpotError.correlationId());
        return HubSpotError.raw(429, body).withHeaders(headers);
    }

    synchronized void set(Integer tenSecondly, Integer daily, Integer searchPerSecond, Boolean dailyHeaders) {
        if (tenSecondly != null) {
            this.tenSecondlyMax = positive(tenSecondly, "tenSecondly");
        }
        if (daily != null) {
            this.dailyMax = positive(daily, "daily");
        }
        if (searchPerSecond != null) {
            this.searchPerSecond = positive(searchPerSecond, "searchPerSecond");
        }
        if (dailyHeaders != null) {
            this.dailyHeaders = dailyHeaders;
        }
    }

    private static int positive(int value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException("\"" + name + "\" must be 0 or more");
        }
        return value;
    }

    synchronized ObjectNode describe() {
        rollDay(clock.instant());
        ObjectNode body = HubSpotJson.object();
        body.put("tenSecondly", tenSecondlyMax);
        body.put("daily", dailyMax);
        body.put("dailyUsed", dailyUsed);
        body.put("searchPerSecond", searchPerSecond);
        body.put("dailyHeaders", dailyHeaders);
        return body;
    }
}
