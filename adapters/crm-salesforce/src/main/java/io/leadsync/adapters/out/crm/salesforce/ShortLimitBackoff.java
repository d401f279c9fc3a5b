package io.leadsync.adapters.out.crm.salesforce;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long to leave an org alone after Salesforce refused a call for a short-lived limit ({@code REQUEST_LIMIT_EXCEEDED}
 * with a message other than {@code TotalRequests}, such as {@code ConcurrentPerOrgLongTxn}; SALESFORCE.md section 16).
 * The first refusal asks for {@link #FIRST}; each further refusal soon after the previous one (within three times the
 * wait it asked for) doubles the wait, up to {@link #CEILING}; after a quiet spell the next refusal starts again at
 * {@link #FIRST}. A fixed wait kept a busy org busy: every batch came back on the same beat (ADR 0073).
 *
 * <p>Kept per org, by the host the call went to: Salesforce's limits are the org's, and an org's {@code instance_url}
 * is its own My Domain now that enhanced domains are enforced. Kept in this node's memory: other nodes keep their own,
 * which at worst makes an org see a few more retries than one node alone would send.
 */
final class ShortLimitBackoff {
    static final Duration FIRST = Duration.ofSeconds(5);
    static final Duration CEILING = Duration.ofMinutes(5);

    private record Episode(Duration pause, Instant at) {
    }

    private final Clock clock;
    private final Map<String, Episode> episodes = new ConcurrentHashMap<>();

    ShortLimitBackoff(Clock clock) {
        this.clock = clock;
    }

    /** The org at {@code host} refused a call for a short-lived limit: how long to wait before the next try. */
    Duration refused(String host) {
        Instant now = clock.instant();
        return episodes.compute(host, (key, previous) -> {
            if (previous == null || now.isAfter(previous.at().plus(previous.pause().multipliedBy(3)))) {
                return new Episode(FIRST, now);
            }
            Duration doubled = previous.pause().multipliedBy(2);
            return new Episode(doubled.compareTo(CEILING) > 0 ? CEILING : doubled, now);
        }).pause();
    }
}
