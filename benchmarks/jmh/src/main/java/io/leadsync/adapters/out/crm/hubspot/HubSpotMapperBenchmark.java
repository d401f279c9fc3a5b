package io.leadsync.adapters.out.crm.hubspot;

import io.leadsync.application.port.out.CrmRecord;
import io.leadsync.benchmarks.MapperBenchmark;
import io.leadsync.domain.crm.DefaultMappings;
import io.leadsync.domain.crm.FieldMapping;

import java.util.List;
import java.util.Map;

/** A lead mapped to HubSpot contact properties (HubSpotLeadWriter). */
public class HubSpotMapperBenchmark extends MapperBenchmark {
    @Override
    protected List<FieldMapping> defaultMappings() {
        return DefaultMappings.hubspot(DefaultMappings.DEFAULT_PREFIX);
    }

    @Override
    protected Map<String, Object> map(CrmRecord record, List<FieldMapping> mappings) {
        return HubSpotLeadWriter.properties(mappings, record);
    }
}
