package io.leadsync.adapters.out.crm.salesforce;

import io.leadsync.application.port.out.CrmRecord;
import io.leadsync.benchmarks.MapperBenchmark;
import io.leadsync.domain.crm.DefaultMappings;
import io.leadsync.domain.crm.FieldMapping;

import java.util.List;
import java.util.Map;

/** A lead mapped to Salesforce Lead fields (SalesforceLeadPayloadMapper). */
public class SalesforceMapperBenchmark extends MapperBenchmark {
    @Override
    protected List<FieldMapping> defaultMappings() {
        return DefaultMappings.salesforce(DefaultMappings.DEFAULT_PREFIX);
    }

    @Override
    protected Map<String, Object> map(CrmRecord record, List<FieldMapping> mappings) {
        return SalesforceLeadPayloadMapper.toPayload(record, mappings);
    }
}
