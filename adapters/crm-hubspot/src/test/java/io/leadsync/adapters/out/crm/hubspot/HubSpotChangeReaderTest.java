package io.leadsync.adapters.out.crm.hubspot;

import io.leadsync.application.port.out.CrmChangeReader.Watermark;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HubSpotChangeReaderTest {
    @Test
    void the_pacer_lets_five_searches_a_second_through_per_portal_and_reserves_the_next_free_slots() {
        AtomicLong now = new AtomicLong();
        HubSpotSearchPacer pacer = new HubSpotSearchPacer(5, now::get);
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            waits.add(pacer.reserve("123456"));
        }

        assertThat(waits.subList(0, 5)).containsOnly(Duration.ZERO);
        assertThat(waits.subList(5, 10)).containsOnly(Duration.ofMillis(1_030));
        assertThat(waits.get(10)).isEqualTo(Duration.ofMillis(2_060));
        assertThat(pacer.reserve("another portal")).isZero();

        now.set(Duration.ofMillis(5_000).toNanos());
        assertThat(pacer.reserve("123456")).isZero();
    }

    @Test
    void a_cursor_is_a_bound_that_reads_back_as_written_and_a_foreign_one_is_refused() {
        HubSpotChangeReader.Position tie = new HubSpotChangeReader.Position(true, 1_769_851_800_000L, "51201");

        assertThat(HubSpotChangeReader.Position.parse(tie.encode())).isEqualTo(tie);
        assertThatThrownBy(() -> HubSpotChangeReader.Position.parse("01ABC")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HubSpotChangeReader.Position.parse("r|x|1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_watermark_without_a_hubspot_id_bounds_the_stamp_only() {
        assertThat(HubSpotChangeReader.Position.range(Watermark.origin()))
                .isEqualTo(new HubSpotChangeReader.Position(false, 0, ""));
        assertThat(HubSpotChangeReader.Position.range(new Watermark(Instant.ofEpochMilli(7), "00Q000000000001AAA")))
                .isEqualTo(new HubSpotChangeReader.Position(false, 7, ""));
        assertThat(HubSpotChangeReader.Position.range(new Watermark(Instant.ofEpochMilli(7), "51201")))
                .isEqualTo(new HubSpotChangeReader.Position(false, 7, "51201"));
    }

    @Test
    void ids_order_as_numbers() {
        List<String> ids = new ArrayList<>(List.of("100", "99", "51201", "7"));
        ids.sort(HubSpotChangeReader.ID_ORDER);

        assertThat(ids).containsExactly("7", "99", "100", "51201");
    }
}
