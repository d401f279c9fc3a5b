package io.leadsync.adapters.in.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * {@code /metrics} in Prometheus's text format (ADR 0052). Not public: it answers only a request carrying
 * {@code Authorization: Bearer <leadsync.metrics.token>}, compared in constant time; without a token configured the
 * endpoint is off (404). Workspace API keys and admin sessions do not open it: it shows every workspace's figures.
 */
@Controller("/metrics")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class MetricsController {
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final ConnectionGauges gauges;
    private final Optional<byte[]> token;

    MetricsController(PrometheusMeterRegistry registry, ConnectionGauges gauges,
                      @Nullable @Value("${leadsync.metrics.token:}") String token) {
        this.registry = registry;
        this.gauges = gauges;
        this.token = Optional.ofNullable(token).filter(value -> !value.isBlank())
                .map(value -> value.strip().getBytes(StandardCharsets.UTF_8));
    }

    @Get
    HttpResponse<String> scrape(HttpRequest<?> request) {
        if (token.isEmpty()) {
            return HttpResponse.<String>status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_PLAIN_TYPE)
                    .body("Metrics are off: the operator sets LEADSYNC_METRICS_TOKEN to turn them on.\n");
        }
        String presented = request.getHeaders().getAuthorization().filter(value -> value.startsWith("Bearer "))
                .map(value -> value.substring("Bearer ".length()).strip()).orElse("");
        if (!MessageDigest.isEqual(token.get(), presented.getBytes(StandardCharsets.UTF_8))) {
            return HttpResponse.<String>status(HttpStatus.UNAUTHORIZED).header("WWW-Authenticate",
                    "Bearer realm=\"leadsync-metrics\"").contentType(MediaType.TEXT_PLAIN_TYPE)
                    .body("The metrics token is missing or wrong.\n");
        }
        gauges.refresh();
        return HttpResponse.ok(registry.scrape()).contentType(PROMETHEUS_TEXT);
    }
}
