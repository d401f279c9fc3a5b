package io.leadsync.sandbox.hubspot;

import static io.leadsync.sandbox.hubspot.HubSpotHttp.CONTACTS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Parallel writers see HubSpot's uniqueness: one contact per email however the calls interleave. */
class HubSpotConcurrencyIT {

    private static HubSpotSandbox sandbox;
    private static HubSpotHttp http;

    @BeforeAll
    static void start() {
        sandbox = HubSpotSandbox.start(0);
        http = new HubSpotHttp(sandbox.baseUrl());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void parallelCreatesOfOneEmailGiveOne201AndTheRest409() throws Exception {
        String token = http.token("admin@acme.example");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                int n = i;
                calls.add(() -> http.post(CONTACTS, token,
                        "{'properties':{'email':'same@acme.example','firstname':'Writer " + n + "'}}").statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> future : pool.invokeAll(calls)) {
                statuses.add(future.get());
            }
            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
            assertThat(sandbox.records("contacts")).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
