package io.leadsync.adapters.out.crm.hubspot;

import io.leadsync.application.port.out.CrmChangeReader.ChangePage;
import io.leadsync.application.port.out.CrmChangeReader.ChangeWindow;
import io.leadsync.application.port.out.CrmChangeReader.DeletionPage;
import io.leadsync.application.port.out.CrmChangeReader.Watermark;
import io.leadsync.application.port.out.CrmSession;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmIdentity;
import io.leadsync.domain.crm.CrmTokens;
import io.leadsync.domain.crm.DefaultMappings;
import io.leadsync.sandbox.hubspot.HubSpotSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The harness behind docs/BENCHMARKS.md's "HubSpot pull: calls per cycle": HubSpot calls of pull cycles in which no
 * contact changed, as the pull makes them (change search pages, then the deletion scan with its saved position), with
 * 0 and with 10,000 archived contacts, counted by the sandbox's own call log. Run it with
 * {@code ./mvnw -B -o -pl adapters/crm-hubspot -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=HubSpotPullCallsIT -Dfailsafe.failIfNoSpecifiedTests=false}; it prints a line per bin size.
 */
class HubSpotPullCallsIT {
    private static HubSpotSandbox sandbox;
    private static HubSpotChangeReader reader;

    @BeforeAll
    static void start() {
        sandbox = HubSpotSandbox.start(0);
        HubSpotSettings settings = new HubSpotSettings(URI.create(sandbox.baseUrl()),
                URI.create(sandbox.baseUrl() + "/oauth/authorize"), HubSpotSandbox.CLIENT_ID,
                HubSpotSandbox.CLIENT_SECRET, URI.create("http://localhost:8080/oauth/callback"), Duration.ofSeconds(30));
        reader = new HubSpotChangeReader(new HubSpotHttp(settings), duration -> { });
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void a_cycle_costs_two_calls_with_an_empty_recycle_bin_and_eleven_with_ten_thousand_archived_contacts() {
        sandbox.reset();
        // Calls are what is counted here, not waits: the limits are lifted so that no 429 is retried.
        sandbox.limits(1_000_000, null, 1_000_000, null);
        CrmSession session = session();
        sandbox.createAsRep("contacts", Map.of("email", "live@analytical.example"));
        List<Long> empty = cycles(session, 3);

        for (int i = 0; i < 10_000; i++) {
            sandbox.archiveAsRep("contacts", sandbox.createAsRep("contacts", Map.of("lastname", "Binned " + i))
                    .get("id").toString());
        }
        List<Long> full = cycles(session, 12);

        System.out.println("HubSpot pull, calls per cycle: 0 archived " + empty + "; 10,000 archived " + full);
        assertThat(empty).containsOnly(2L);
        assertThat(full).containsOnly(11L);
    }

    /** {@code count} pull cycles as PullChangesService runs them; each one's calls by the sandbox's count. */
    private static List<Long> cycles(CrmSession session, int count) {
        List<Long> calls = new ArrayList<>();
        Optional<String> resume = Optional.empty();
        for (int cycle = 0; cycle < count; cycle++) {
            long before = total();
            Instant until = Instant.now().minusSeconds(5);
            ChangeWindow window = new ChangeWindow(new Watermark(until.minusSeconds(120), ""), until);
            Optional<String> cursor = Optional.empty();
            do {
                ChangePage page = reader.changes(session, window, cursor);
                cursor = page.next();
            } while (cursor.isPresent());
            DeletionPage deletions = reader.deletions(session, until.minusSeconds(60), until, resume);
            resume = deletions.resume();
            calls.add(total() - before);
        }
        return calls;
    }

    private static long total() {
        return sandbox.callCounts().values().stream().mapToLong(Long::longValue).sum();
    }

    private static CrmSession session() {
        Map<String, Object> tokens = sandbox.tokensFor("admin@acme.example");
        return new CrmSession(new ConnectionId(UUID.randomUUID()), new CrmIdentity("admin@acme.example",
                "acme-hubspot.hubspot.com", Long.toString(HubSpotSandbox.HUB_ID), Optional.empty(), Optional.empty()),
                new CrmTokens((String) tokens.get("access_token"), Optional.empty(), Optional.empty(), Instant.now()),
                DefaultMappings.hubspot("LeadSync"));
    }
}
