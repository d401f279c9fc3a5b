package io.leadsync.benchmarks;

import io.leadsync.application.port.out.CrmRecord;
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
 * What a push pays per record to map a lead to a CRM's fields, typed as on the wire, under the CRM's default mappings.
 * One subclass per CRM, in its adapter's package so the mapper can stay package-private (JMH's annotations and the
 * benchmark method are inherited).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public abstract class MapperBenchmark {
    private CrmRecord record;
    private List<FieldMapping> mappings;

    /** The CRM's default mappings under LeadSync's default field prefix. */
    protected abstract List<FieldMapping> defaultMappings();

    /** The adapter's mapping of one record, as it goes on the wire. */
    protected abstract Map<String, Object> map(CrmRecord record, List<FieldMapping> mappings);

    @Setup
    public void setUp() {
        record = LeadSamples.record();
        mappings = defaultMappings();
    }

    @Benchmark
    public Map<String, Object> mapRecord() {
        return map(record, mappings);
    }
}
