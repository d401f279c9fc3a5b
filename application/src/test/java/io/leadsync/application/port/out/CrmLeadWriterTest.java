package io.leadsync.application.port.out;

import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.lead.LeadId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class CrmLeadWriterTest {

    /** A writer of two records a call that counts its calls and reports its usage after each. */
    private static final class TwoACall implements CrmLeadWriter {
        final List<List<String>> calls = new ArrayList<>();

        @Override
        public CrmKind kind() {
            return CrmKind.SALESFORCE;
        }

        @Override
        public int batchLimit() {
            return 2;
        }

        @Override
        public UpsertBatch upsert(CrmSession session, List<CrmRecord> records) {
            assertThat(records.size()).isLessThanOrEqualTo(batchLimit());
            calls.add(records.stream().map(record -> record.leadId().value()).toList());
            return new UpsertBatch(records.stream().map(record -> UpsertResult.written(record.leadId(), true,
                    "crm-" + record.leadId().value())).toList(),
                    Optional.of(new ApiUsage(calls.size(), 100)), 1);
        }
    }

    @Test
    void a_claim_goes_in_calls_of_the_batch_limit_with_one_result_per_record_in_order() {
        TwoACall writer = new TwoACall();
        List<CrmRecord> records = List.of("a", "b", "c", "d", "e").stream()
                .map(id -> new CrmRecord(new LeadId(id), Map.of())).toList();

        UpsertBatch batch = writer.upsertBatches(null, records);

        assertThat(writer.claimLimit()).isEqualTo(2);
        assertThat(writer.calls).containsExactly(List.of("a", "b"), List.of("c", "d"), List.of("e"));
        assertThat(batch.calls()).isEqualTo(3);
        assertThat(batch.results()).extracting(result -> result.crmRecordId().orElseThrow())
                .containsExactly("crm-a", "crm-b", "crm-c", "crm-d", "crm-e");
        assertThat(batch.usage()).contains(new ApiUsage(3, 100));
    }
}
