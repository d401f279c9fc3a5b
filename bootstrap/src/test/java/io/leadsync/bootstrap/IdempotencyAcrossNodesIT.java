package io.leadsync.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two LeadSync nodes on one database, as behind a load balancer: a request and its retry carrying one
 * Idempotency-Key, landing on different nodes at the same moment, create the lead once, and every answer that is not
 * "still running" (409) is the first response.
 */
class IdempotencyAcrossNodesIT {
    private static final int ROUNDS = 10;

    @TempDir
    Path home;

    @Test
    void one_request_sent_to_two_nodes_at_once_with_one_key_acts_once() throws Exception {
        EmbeddedDatabase database = EmbeddedDatabase.startTemporary();
        List<RunningLeadSync> nodes = new ArrayList<>();
        ExecutorService agents = Executors.newFixedThreadPool(2);
        try {
            Map<String, Object> settings = Map.of("leadsync.first-start.enabled", false);
            nodes.add(RunningLeadSync.startNode(database, home, settings));
            nodes.add(RunningLeadSync.startNode(database, home, settings));
            String key = new AdminApi(nodes.get(0)).workspaceKey("Cluster");
            HttpClient http = HttpClient.newHttpClient();

            for (int round = 0; round < ROUNDS; round++) {
                String idempotencyKey = "round-" + round;
                String body = "{\"leadId\":\"twice-" + round + "\",\"lastName\":\"Hopper\",\"workEmail\":\"grace-"
                        + round + "@navy.example\"}";
                CountDownLatch start = new CountDownLatch(1);
                List<Future<HttpResponse<String>>> answers = new ArrayList<>();
                for (RunningLeadSync node : nodes) {
                    answers.add(agents.submit(() -> {
                        start.await();
                        return http.send(HttpRequest.newBuilder(URI.create(node.url() + "/api/v1/leads"))
                                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                                .header("Idempotency-Key", idempotencyKey)
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                    }));
                }
                start.countDown();
                Set<String> firstResponses = new HashSet<>();
                for (Future<HttpResponse<String>> answer : answers) {
                    HttpResponse<String> response = answer.get();
                    assertThat(response.statusCode()).as(response.body()).isIn(201, 409);
                    if (response.statusCode() == 201) {
                        firstResponses.add(response.body());
                    }
                }
                assertThat(firstResponses).as("round %d", round).hasSize(1);
                assertThat(count(nodes.get(0), "select count(*) from outbox where lead_id = 'twice-" + round + "'"))
                        .isEqualTo(1);
                assertThat(count(nodes.get(1), "select count(*) from agent_actions where lead_id = 'twice-" + round
                        + "'")).isEqualTo(1);
            }
        } finally {
            agents.shutdownNow();
            nodes.forEach(RunningLeadSync::close);
            database.close();
        }
    }

    private static long count(RunningLeadSync node, String sql) throws Exception {
        try (Connection connection = node.openDatabaseConnection();
             ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
