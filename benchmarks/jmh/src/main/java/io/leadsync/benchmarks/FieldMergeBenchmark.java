package io.leadsync.benchmarks;

import io.leadsync.domain.crm.ConflictPolicy;
import io.leadsync.domain.crm.DefaultMappings;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.crm.SyncDirection;
import io.leadsync.domain.crm.SyncSettings;
import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.sync.FieldMerge;
import io.leadsync.domain.sync.RecordMerge;
import io.leadsync.domain.sync.SyncDecision;
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

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What a pull pays per record: {@link FieldMerge#merge} of a typical lead with its CRM copy over Salesforce's default
 * mappings (a rep changed two fields and filled one), and one field's {@link FieldMerge#decide} in a conflict.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FieldMergeBenchmark {
    private Lead lead;
    private Map<LeadField, String> crm;
    private Map<LeadField, String> base;
    private List<FieldMapping> mappings;
    private SyncSettings settings;
    private final Optional<String> fieldBase = Optional.of("Rear Admiral");
    private final Optional<String> app = Optional.of("Admiral");
    private final Optional<String> crmValue = Optional.of("Commodore");
    private final Optional<Instant> appChangedAt = Optional.of(LeadSamples.CAPTURED);

    @Setup
    public void setUp() {
        lead = LeadSamples.lead();
        crm = LeadSamples.crmValues();
        base = LeadSamples.base();
        mappings = DefaultMappings.salesforce(DefaultMappings.DEFAULT_PREFIX);
        settings = SyncSettings.defaults();
    }

    @Benchmark
    public RecordMerge mergeRecord() {
        return FieldMerge.merge(lead, crm, LeadSamples.CRM_EDITED, base, mappings, settings);
    }

    @Benchmark
    public SyncDecision decideConflictingField() {
        return FieldMerge.decide(fieldBase, app, crmValue, SyncDirection.BIDIRECTIONAL, ConflictPolicy.MOST_RECENT,
                appChangedAt, LeadSamples.CRM_EDITED);
    }
}
