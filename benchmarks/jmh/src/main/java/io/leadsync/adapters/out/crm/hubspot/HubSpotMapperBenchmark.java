package io.leadsync.adapters.out.crm.hubspot;

import io.leadsync.application.port.out.CrmRecord;
import io.leadsync.benchmarks.LeadSamples;
import io.leadsync.domain.crm.DefaultMappings;
import io.leadsync.domain.crm.FieldMapping;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a push pays per record to map a lead to HubSpot contact properties (HubSpotLeadWriter, typed as on the wire) under the
 * default mappings. In the adapter's package: the mapper is package-private, as it should stay.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HubSpotMapperBenchmark {
    private CrmRecord record;
    private List<FieldMapping> mappings;

    @Setup
    public void setUp() {
        record = LeadSamples.record();
        mappings = DefaultMappings.hubspot(DefaultMappings.DEFAULT_PREFIX);
    }

    @Benchmark
    public Map<String, Object> mapRecord() {
        return HubSpotLeadWriter.properties(mappings, record);
    }
}
