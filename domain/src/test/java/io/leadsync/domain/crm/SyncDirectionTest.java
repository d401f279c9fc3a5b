package io.leadsync.domain.crm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class SyncDirectionTest {

    @Test
    void push_only_never_pulls_and_pull_only_never_pushes() {
        assertThat(SyncDirection.PUSH.allowsPush()).isTrue();
        assertThat(SyncDirection.PUSH.allowsPull()).isFalse();
        assertThat(SyncDirection.PULL.allowsPush()).isFalse();
        assertThat(SyncDirection.PULL.allowsPull()).isTrue();
        assertThat(SyncDirection.BIDIRECTIONAL.allowsPush()).isTrue();
        assertThat(SyncDirection.BIDIRECTIONAL.allowsPull()).isTrue();
    }

    @ParameterizedTest(name = "{0} narrowed by {1} is {2}")
    @CsvSource({
            "BIDIRECTIONAL, BIDIRECTIONAL, BIDIRECTIONAL",
            "BIDIRECTIONAL, PUSH,          PUSH",
            "BIDIRECTIONAL, PULL,          PULL",
            "PUSH,          BIDIRECTIONAL, PUSH",
            "PULL,          BIDIRECTIONAL, PULL",
            "PUSH,          PUSH,          PUSH",
            "PULL,          PULL,          PULL",
    })
    void a_field_flows_only_the_ways_both_the_connection_and_its_mapping_allow(
            SyncDirection connection, SyncDirection field, SyncDirection expected) {
        assertThat(connection.narrowedBy(field)).isEqualTo(expected);
    }

    @Test
    void a_push_only_connection_and_a_pull_only_field_have_no_direction_in_common() {
        assertThat(SyncDirection.PUSH.narrowedBy(SyncDirection.PULL)).isNull();
        assertThat(SyncDirection.PULL.narrowedBy(SyncDirection.PUSH)).isNull();
    }

    @ParameterizedTest
    @EnumSource(SyncDirection.class)
    void narrowing_works_the_same_either_way_round(SyncDirection direction) {
        for (SyncDirection other : SyncDirection.values()) {
            assertThat(direction.narrowedBy(other)).isEqualTo(other.narrowedBy(direction));
        }
    }
}
