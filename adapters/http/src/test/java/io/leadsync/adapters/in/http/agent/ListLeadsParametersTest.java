package io.leadsync.adapters.in.http.agent;

import io.leadsync.adapters.in.http.problem.BadRequestException;
import io.leadsync.adapters.in.http.problem.ProblemError;
import io.leadsync.application.port.in.capture.LeadPage;
import io.leadsync.application.port.in.capture.ListLeadsQuery;
import io.leadsync.domain.lead.AgentId;
import io.leadsync.domain.lead.LeadStatus;
import io.micronaut.core.convert.ConversionService;
import io.micronaut.http.HttpParameters;
import io.micronaut.http.simple.SimpleHttpParameters;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ListLeadsParametersTest {
    private static HttpParameters parameters(Map<String, List<String>> values) {
        return new SimpleHttpParameters(new LinkedHashMap<>(values), ConversionService.SHARED);
    }

    @Test
    void no_parameters_list_the_first_page_of_the_default_size() {
        ListLeadsQuery query = ListLeadsParameters.toQuery(WORKSPACE, parameters(Map.of()));

        assertThat(query.page()).isZero();
        assertThat(query.size()).isEqualTo(ListLeadsQuery.DEFAULT_PAGE_SIZE);
        assertThat(query.status()).isEmpty();
    }

    @Test
    void filters_are_parsed_leniently_in_case_and_offset() {
        ListLeadsQuery query = ListLeadsParameters.toQuery(WORKSPACE, parameters(Map.of(
                "status", List.of("qualified"), "agentId", List.of("agent-7"),
                "updatedSince", List.of("2026-01-05T10:00:00+01:00"), "page", List.of("2"), "size", List.of("20"))));

        assertThat(query.status()).contains(LeadStatus.QUALIFIED);
        assertThat(query.agentId()).contains(new AgentId("agent-7"));
        assertThat(query.updatedSince()).contains(Instant.parse("2026-01-05T09:00:00Z"));
        assertThat(query.page()).isEqualTo(2);
        assertThat(query.size()).isEqualTo(20);
    }

    @Test
    void every_bad_parameter_is_named() {
        BadRequestException refused = catchThrowableOfType(BadRequestException.class,
                () -> ListLeadsParameters.toQuery(WORKSPACE, parameters(Map.of(
                        "page", List.of("-1"), "size", List.of("0"), "agentId", List.of("a b"),
                        "cursor", List.of("x"), "status", List.of("NEW", "LOST")))));

        assertThat(refused.errors()).extracting(ProblemError::parameter)
                .containsExactlyInAnyOrder("page", "size", "agentId", "cursor", "status");
    }

    @Test
    void the_next_link_keeps_the_filters_and_is_absent_on_the_last_page() {
        ListLeadsQuery query = ListLeadsParameters.toQuery(WORKSPACE, parameters(Map.of(
                "status", List.of("NEW"), "size", List.of("2"))));

        assertThat(ListLeadsParameters.next(query, new LeadPage(List.of(), 0, 2, 3)))
                .contains("/api/v1/leads?status=NEW&page=1&size=2");
        assertThat(ListLeadsParameters.next(query, new LeadPage(List.of(), 0, 2, 2))).isEmpty();
    }
}
