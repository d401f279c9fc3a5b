package io.leadsync.adapters.out.metrics;

import io.leadsync.application.port.out.CrmRateLimitedException;
import io.leadsync.application.port.out.ReauthorizationRequiredException;
import io.leadsync.domain.crm.CrmKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Locale;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * Counts CRM calls by CRM, kind and outcome ({@code leadsync_crm_calls_total}), rate limits
 * ({@code leadsync_crm_rate_limited_total}, the CRM's 429 or its daily limit) and failed token refreshes
 * ({@code leadsync_token_refresh_failures_total}).
 */
final class CrmCallMeter {
    private final MeterRegistry registry;

    CrmCallMeter(MeterRegistry registry, CrmKind crm) {
        this.registry = registry;
        // The families exist from the start at zero, so a dashboard and an alert rule see "none yet", not "no data".
        Counter.builder("leadsync.crm.rate.limited").description("CRM calls refused for a rate limit (HTTP 429 "
                + "or a daily limit)").tag("crm", name(crm)).register(registry);
        for (String reason : new String[] {"refused", "unavailable"}) {
            Counter.builder("leadsync.token.refresh.failures").description("Token refreshes that failed")
                    .tag("crm", name(crm)).tag("reason", reason).register(registry);
        }
    }

    /** Runs one port call; {@code calls} says how many HTTP calls its answer took (1 when it cannot say). */
    <T> T call(CrmKind crm, String kind, Supplier<T> work, ToIntFunction<T> calls) {
        try {
            T result = work.get();
            count(crm, kind, "ok", Math.max(1, calls.applyAsInt(result)));
            return result;
        } catch (CrmRateLimitedException e) {
            count(crm, kind, "rate_limited", 1);
            Counter.builder("leadsync.crm.rate.limited").description("CRM calls refused for a rate limit (HTTP 429 "
                    + "or a daily limit)").tag("crm", name(crm)).register(registry).increment();
            throw e;
        } catch (RuntimeException e) {
            count(crm, kind, "error", 1);
            if (kind.equals("token_refresh")) {
                Counter.builder("leadsync.token.refresh.failures").description("Token refreshes that failed")
                        .tag("crm", name(crm)).tag("reason", e instanceof ReauthorizationRequiredException
                                ? "refused" : "unavailable").register(registry).increment();
            }
            throw e;
        }
    }

    private void count(CrmKind crm, String kind, String outcome, int calls) {
        Counter.builder("leadsync.crm.calls").description("HTTP calls to the CRMs by CRM, kind and outcome")
                .tag("crm", name(crm)).tag("kind", kind).tag("outcome", outcome).register(registry).increment(calls);
    }

    static String name(CrmKind crm) {
        return crm.name().toLowerCase(Locale.ROOT);
    }
}
