package io.leadsync.bootstrap;

import io.leadsync.sandbox.salesforce.SalesforceSandbox;
import io.leadsync.sandbox.salesforce.SandboxBrowser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 5: three LeadSync nodes on one PostgreSQL push 10,000 leads to one Salesforce; one node is killed while it has
 * a batch in flight, and the other two finish the work. Every lead reaches the CRM once (one record per lead, no
 * duplicates), no delivery is claimed by two nodes at once, and the push goes in Collections of up to 200. The nodes
 * take turns on the connection (ADR 0104): at most one has a batch of it in flight, so the killed node is whichever
 * holds one at the moment of the kill.
 *
 * <p>A JVM cannot SIGKILL a part of itself: the "kill" stops the node's whole Micronaut context (HTTP server, worker,
 * connection pool) at a moment it holds a lease on a batch it is sending, so it never records the batch's outcome,
 * which is what a killed process leaves behind. Its lease (two minutes, {@code PushDeliveriesService.LEASE}) is then
 * fast-forwarded in the database, standing for two minutes passing; {@code -Dleadsync.it.multinode.real-lease=true}
 * waits for the real expiry instead. See docs/RELIABILITY.md.
 */
class MultiNodePushIT {
    private static final Logger LOG = LoggerFactory.getLogger(MultiNodePushIT.class);
    private static final int LEADS = Integer.getInteger("leadsync.it.multinode.leads", 10_000);
    private static final int NODES = 3;
    private static final int AGENT_THREADS = 6;
    private static final boolean REAL_LEASE = Boolean.getBoolean("leadsync.it.multinode.real-lease");
    /** Bounds a failure only: two minutes of lease plus the push itself. */
    private static final Duration PATIENCE = Duration.ofMinutes(4);
    private static final String UPSERT = "PATCH /services/data/vXX.X/composite/sobjects/Lead/{externalIdField}";
    private static final String BY_ID = "PATCH /services/data/vXX.X/composite/sobjects";
    private static final String PREFIX = "mn-";

    @TempDir
    Path home;

    private EmbeddedDatabase database;
    private SalesforceSandbox salesforce;
    private final List<RunningLeadSync> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        for (RunningLeadSync node : nodes) {
            try {
                node.close();
            } catch (RuntimeException e) {
                // Already stopped: the killed node.
            }
        }
        if (salesforce != null) {
            salesforce.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void three_nodes_push_every_lead_once_and_the_survivors_finish_a_killed_nodes_work() throws Exception {
        long started = System.nanoTime();
        salesforce = SalesforceSandbox.start(0);
        database = EmbeddedDatabase.startTemporary();
        Map<String, Object> settings = Map.ofEntries(
                Map.entry("leadsync.first-start.enabled", false),
                Map.entry("leadsync.sync.worker.enabled", true),
                Map.entry("leadsync.sync.worker.interval", "200ms"),
                // Collections batches under 2-minute leases are what this test kills a node in; a backlog that
                // outgrows the bulk threshold would go as a Bulk job under a 20-minute lease (ConflictRulesIT).
                Map.entry("leadsync.sync.bulk-threshold", 1_000_000),
                Map.entry("leadsync.salesforce.client-id", SalesforceSandbox.CLIENT_ID),
                Map.entry("leadsync.salesforce.client-secret", SalesforceSandbox.CLIENT_SECRET),
                Map.entry("leadsync.salesforce.login-url", salesforce.baseUrl()),
                Map.entry("leadsync.salesforce.redirect-uri", "http://localhost:9/oauth/callback"));
        // One after the other: the first creates the schema and the master key the others then share.
        for (int i = 0; i < NODES; i++) {
            nodes.add(RunningLeadSync.startNode(database, home, settings));
        }
        List<AdminApi> apis = nodes.stream().map(AdminApi::new).toList();
        AdminApi first = apis.get(0);
        String key = first.workspaceKey("Cluster");
        String connection = connectSalesforce(first, key);
        first.realtime(key, connection);
        // Each Collections call takes a moment, as Salesforce's do; it also keeps a batch in flight long enough to
        // kill its node in the middle of it.
        salesforce.latency("/services/data/", Duration.ofMillis(150));
        // Which node pushes the connection is theirs to settle (ADR 0104): the one killed is whichever holds a batch.
        Map<String, Integer> nodeByWorker = new java.util.HashMap<>();
        for (int i = 0; i < NODES; i++) {
            nodeByWorker.put(workerId(nodes.get(i)), i);
        }
        AtomicInteger killed = new AtomicInteger(-1);
        long ready = System.nanoTime();
        InFlight inFlight = new InFlight();
        Thread sampler = new Thread(inFlight, "in-flight-sampler");
        sampler.setDaemon(true);
        sampler.start();

        // Agents capture through every node; one whose node is gone retries on another, as a load balancer would.
        ExecutorService agents = Executors.newFixedThreadPool(AGENT_THREADS);
        AtomicInteger retried = new AtomicInteger();
        AtomicInteger capturedCount = new AtomicInteger();
        AtomicLong lastCaptured = new AtomicLong();
        List<Future<?>> captures = new ArrayList<>();
        for (int t = 0; t < AGENT_THREADS; t++) {
            int thread = t;
            captures.add(agents.submit(() -> {
                for (int i = thread; i < LEADS; i += AGENT_THREADS) {
                    capture(apis, i, key, retried, killed);
                    capturedCount.incrementAndGet();
                }
                lastCaptured.accumulateAndGet(System.nanoTime(), Math::max);
                return null;
            }));
        }

        // Mid-run: half the leads captured and some pushed; the node that holds a lease on a batch it is sending is
        // killed.
        await(() -> capturedCount.get() >= LEADS / 2 && upsertCalls() >= 3);
        Set<String> leasedBeforeKill = Set.of();
        Set<String> leased;
        int capturedWhenKilled;
        String holder = null;
        try (Connection sql = openDatabase()) {
            while (leasedBeforeKill.isEmpty() && System.nanoTime() - started < PATIENCE.toNanos()) {
                for (String worker : nodeByWorker.keySet()) {
                    Set<String> claimed = leadsClaimedBy(sql, worker);
                    if (!claimed.isEmpty()) {
                        holder = worker;
                        leasedBeforeKill = claimed;
                    }
                }
            }
            assertThat(leasedBeforeKill).as("the node is killed while it holds a lease").isNotEmpty();
            String victimId = holder;
            RunningLeadSync victim = nodes.get(nodeByWorker.get(victimId));
            killed.set(nodeByWorker.get(victimId));
            inFlight.victim = victimId;
            victim.close();
            // What the dead node left under its lease: the batch above, unless it finished that one in the instant
            // before the stop and claimed another.
            leased = leadsClaimedBy(sql, victimId);
        }
        String victimId = holder;
        long killedAt = System.nanoTime();
        capturedWhenKilled = capturedCount.get();
        long callsWhenKilled = upsertCalls();
        LOG.info("Killed node {} ({}) holding a lease on {} deliveries, {} leads captured, {} upsert calls made",
                killed.get() + 1, victimId, leased.size(), capturedWhenKilled, callsWhenKilled);
        for (Future<?> capture : captures) {
            capture.get();
        }
        agents.shutdown();
        long captured = lastCaptured.get();

        // The survivors push everything but what the dead node still holds under its lease.
        Set<String> stranded;
        long strandedAt;
        long strandedInSalesforce;
        try (Connection sql = openDatabase()) {
            await(() -> query(sql, "select count(*) from deliveries where claimed_by is distinct from '" + victimId
                    + "' or claimed_until <= now()") == 0 && query(sql, "select count(*) from outbox where routed_at "
                    + "is null") == 0);
            stranded = leadsClaimedBy(sql, victimId);
            strandedAt = System.nanoTime();
            Set<String> inSalesforce = new HashSet<>();
            salesforceLeads().forEach(lead -> inSalesforce.add((String) lead.get("LeadSync_Lead_ID__c")));
            strandedInSalesforce = stranded.stream().filter(inSalesforce::contains).count();
            LOG.info("Stranded under the dead node's lease: {} deliveries ({} of them already in Salesforce); "
                    + "in Salesforce: {} of {} leads", stranded.size(), strandedInSalesforce, inSalesforce.size(), LEADS);
            // One connection is pushed by one drain of a node at a time (ADR 0076): one batch at most.
            assertThat(stranded).as("only the batch in flight when the node died").hasSizeLessThanOrEqualTo(200)
                    .isSubsetOf(leased);
            if (!REAL_LEASE) {
                // Two minutes pass: the dead node's lease runs out.
                try (Statement statement = sql.createStatement()) {
                    statement.executeUpdate("update deliveries set claimed_until = now() - interval '1 second' "
                            + "where claimed_by = '" + victimId + "'");
                }
            }
            await(() -> query(sql, "select count(*) from deliveries") == 0);
        }
        long finished = System.nanoTime();
        inFlight.stop = true;
        sampler.join();

        // ADR 0104: the nodes take turns on the connection. Every look at the queue (one snapshot) found the live
        // claims of one node at most, the dead node's stranded batch aside.
        assertThat(inFlight.looks).as("looks at the claims in flight").isPositive();
        assertThat(inFlight.mostNodesAtOnce).as("nodes with a batch of the connection in flight at once, seen in %d "
                + "looks", inFlight.looks).isEqualTo(1);

        List<Map<String, Object>> records = salesforceLeads();
        Set<String> leadIds = new HashSet<>();
        List<String> writtenAgain = new ArrayList<>();
        for (Map<String, Object> record : records) {
            String leadId = (String) record.get("LeadSync_Lead_ID__c");
            assertThat(leadIds.add(leadId)).as("one Salesforce Lead for %s", leadId).isTrue();
            if (!String.valueOf(record.get("CreatedDate")).equals(String.valueOf(record.get("SystemModstamp")))) {
                writtenAgain.add(leadId);
            }
        }
        assertThat(leadIds).hasSize(LEADS);
        // A lead written a second time can only be one the dead node sent and never recorded, re-sent once its lease
        // ran out; any other would mean two nodes held its delivery at once.
        assertThat(writtenAgain).isSubsetOf(leased);
        long calls = upsertCalls();
        long written;
        long batches;
        try (Connection sql = openDatabase()) {
            assertThat(query(sql, "select count(*) from deliveries")).isZero();
            long[] pushed = pushedPerAudit(sql);
            batches = pushed[0];
            written = pushed[1];
        }
        // Every node records each batch it finished: a delivery claimed by two nodes at once would be counted twice.
        // The dead node's last batch was never recorded, so the survivors' resend of it counts once.
        assertThat(written).as("records written per the audit log").isEqualTo(LEADS);
        // Collections of 200: 50 calls for 10,000 when every batch is full. Batches the push sends as soon as it has
        // caught up with the captures are smaller, so the bound allows an average of 50 records a call.
        assertThat(calls).as("Collections upsert calls").isLessThanOrEqualTo(LEADS / 50);

        String figures = String.format("leads=%d nodes=%d agentThreads=%d upsertCalls=%d (ideal %d) "
                        + "recordedBatches=%d writtenPerAudit=%d | kill at %.1fs: captured=%d upsertCalls=%d "
                        + "victimLease=%d capturesRetried=%d | strandedUnderDeadLease=%d (alreadyInSalesforce=%d) "
                        + "writtenTwice=%d | setup=%.1fs capturesDone=%.1fs survivorsDoneExceptStranded=%.1fs "
                        + "allDone=%.1fs lease=%s | inFlightLooks=%d mostNodesInFlightAtOnce=%d",
                LEADS, NODES, AGENT_THREADS, calls, (LEADS + 199) / 200, batches, written, seconds(killedAt - ready),
                capturedWhenKilled, callsWhenKilled, leased.size(), retried.get(), stranded.size(),
                strandedInSalesforce, writtenAgain.size(), seconds(ready - started), seconds(captured - ready),
                seconds(strandedAt - ready), seconds(finished - ready), REAL_LEASE ? "real 2 min" : "fast-forwarded",
                inFlight.looks, inFlight.mostNodesAtOnce);
        LOG.info("MultiNodePushIT figures: {}", figures);
        LOG.info("Salesforce calls: {}", salesforce.callCounts());
        System.out.println("MultiNodePushIT figures: " + figures);
    }

    private static void capture(List<AdminApi> apis, int i, String key, AtomicInteger retried, AtomicInteger killed)
            throws Exception {
        String id = String.format(PREFIX + "%05d", i);
        String json = "{\"leadId\":\"" + id + "\",\"firstName\":\"Grace\",\"lastName\":\"Hopper " + i
                + "\",\"workEmail\":\"" + id + "@multinode.example\",\"companyName\":\"Company " + (i % 97)
                + "\",\"jobTitle\":\"Engineer\"}";
        try {
            HttpResponse<String> response = apis.get(i % apis.size()).send(key, "POST", "/api/v1/leads", json);
            if (response.statusCode() == 201) {
                return;
            }
            LOG.debug("{} answered {} for {}", i % apis.size(), response.statusCode(), id);
        } catch (java.io.IOException | RuntimeException e) {
            // The node is gone.
        }
        retried.incrementAndGet();
        HttpResponse<String> again = apis.get(killed.get() == 0 ? 1 : 0).send(key, "POST", "/api/v1/leads", json);
        // 409: the dead node had committed it before its answer was lost.
        assertThat(again.statusCode()).as(again.body()).isIn(200, 201, 409);
    }

    private String connectSalesforce(AdminApi api, String key) throws Exception {
        HttpResponse<String> started = api.send(key, "POST", "/api/admin/v1/connections", "{\"kind\":\"SALESFORCE\"}");
        URI authorize = URI.create(AdminApi.field(started.body(), "authorizeUrl"));
        URI redirect = new SandboxBrowser().logInAndConsent(authorize, "admin@acme.example", "sandbox", true);
        assertThat(api.callback(redirect).statusCode()).isEqualTo(200);
        String connection = AdminApi.field(started.body(), "connectionId");
        assertThat(api.get(key, "/api/admin/v1/connections/" + connection).body()).contains("\"state\":\"CONNECTED\"");
        return connection;
    }


    /** The name the node's worker stamps on its leases. */
    private static String workerId(RunningLeadSync node) throws ReflectiveOperationException {
        Object worker = node.context().getBean(SyncWorker.class);
        Field field = SyncWorker.class.getDeclaredField("node");
        field.setAccessible(true);
        return (String) field.get(worker);
    }

    /** Collections writes: upserts by lead id and updates by record Id (linked leads, ADR 0079). */
    private long upsertCalls() {
        return salesforce.callCounts().getOrDefault(UPSERT, 0L)
                + salesforce.callCounts().getOrDefault(BY_ID, 0L);
    }

    private List<Map<String, Object>> salesforceLeads() {
        return salesforce.records("Lead").stream()
                .filter(lead -> String.valueOf(lead.get("LeadSync_Lead_ID__c")).startsWith(PREFIX)).toList();
    }

    /**
     * Looks at the live claims again and again, each look one statement (one snapshot): which nodes have a batch in
     * flight. A node records its batch's outcome (clearing its claims) before another may claim, so one snapshot never
     * holds two nodes' live claims unless their batches overlapped. The killed node's stranded batch is left out once
     * it is killed.
     */
    private final class InFlight implements Runnable {
        /** The killed node's name, from the moment it is killed. */
        volatile String victim;
        volatile boolean stop;
        volatile int mostNodesAtOnce;
        volatile int looks;

        @Override
        public void run() {
            try (Connection sql = openDatabase(); Statement statement = sql.createStatement()) {
                while (!stop) {
                    Set<String> claimants = new HashSet<>();
                    try (ResultSet rows = statement.executeQuery("select distinct claimed_by from deliveries "
                            + "where claimed_until > now()")) {
                        while (rows.next()) {
                            claimants.add(rows.getString(1));
                        }
                    }
                    String gone = victim;
                    if (gone != null) {
                        claimants.remove(gone);
                    }
                    mostNodesAtOnce = Math.max(mostNodesAtOnce, claimants.size());
                    looks++;
                    Thread.sleep(5);
                }
            } catch (SQLException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private Connection openDatabase() throws SQLException {
        Map<String, Object> properties = database.datasourceProperties();
        return DriverManager.getConnection((String) properties.get("datasources.default.url"),
                (String) properties.get("datasources.default.username"),
                (String) properties.get("datasources.default.password"));
    }

    private static Set<String> leadsClaimedBy(Connection sql, String node) throws SQLException {
        Set<String> leads = new HashSet<>();
        try (PreparedStatement statement = sql.prepareStatement(
                "select lead_id from deliveries where claimed_by = ? and claimed_until > now()")) {
            statement.setString(1, node);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    leads.add(rows.getString(1));
                }
            }
        }
        return leads;
    }

    /** Batches and records written, summed over the "sync.push" audit entries of every node. */
    private static long[] pushedPerAudit(Connection sql) throws SQLException {
        Pattern written = Pattern.compile("(\\d+) written");
        long batches = 0;
        long records = 0;
        try (Statement statement = sql.createStatement();
             ResultSet rows = statement.executeQuery("select detail from audit_log where action = 'sync.push'")) {
            while (rows.next()) {
                Matcher matcher = written.matcher(rows.getString(1));
                assertThat(matcher.find()).as(rows.getString(1)).isTrue();
                batches++;
                records += Long.parseLong(matcher.group(1));
            }
        }
        return new long[] {batches, records};
    }

    private static long query(Connection sql, String count) {
        try (Statement statement = sql.createStatement(); ResultSet rows = statement.executeQuery(count)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s", PATIENCE).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
