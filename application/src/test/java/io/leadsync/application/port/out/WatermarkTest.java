package io.leadsync.application.port.out;

import io.leadsync.application.port.out.CrmChangeReader.Watermark;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class WatermarkTest {
    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void the_stamp_orders_first_then_the_id_as_the_crms_sort_it() {
        assertThat(new Watermark(T, "999")).isLessThan(new Watermark(T.plusMillis(1), "1"));
        // HubSpot ids are numbers: 99 before 100, which text order would reverse.
        assertThat(new Watermark(T, "99")).isLessThan(new Watermark(T, "100"));
        // Salesforce sorts ids without regard to case.
        assertThat(new Watermark(T, "00Q000000000000aAA")).isLessThan(new Watermark(T, "00Q000000000000BAA"));
        assertThat(Watermark.origin()).isLessThan(new Watermark(Instant.EPOCH, "1"));
    }
}
