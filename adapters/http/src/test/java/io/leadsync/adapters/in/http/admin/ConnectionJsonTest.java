package io.leadsync.adapters.in.http.admin;

import io.leadsync.application.port.in.connect.GetConnectionBudgetUseCase.ConnectionBudget;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.DefaultMappings;
import io.leadsync.domain.crm.SyncSettings;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.UUID;

import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;

class ConnectionJsonTest {
    @Test
    void the_connection_status_shows_its_crm_calls_today_against_its_allocation() {
        ConnectionId id = new ConnectionId(UUID.fromString("00000000-0000-0000-0000-0000000000d1"));
        CrmConnection connection = CrmConnection.start(id, WORKSPACE, CrmKind.SALESFORCE, SyncSettings.defaults(),
                DefaultMappings.salesforce("LeadSync"), T0);

        JsonNode json = ConnectionJson.toJson(connection, new ConnectionBudget(id, LocalDate.of(2026, 1, 5), 1_234,
                15_000));

        assertThat(json.get("id").getStringValue()).isEqualTo(id.value().toString());
        assertThat(json.get("state").getStringValue()).isEqualTo(connection.state().name());
        JsonNode budget = json.get("budget");
        assertThat(budget.get("day").getStringValue()).isEqualTo("2026-01-05");
        assertThat(budget.get("callsUsedToday").getLongValue()).isEqualTo(1_234);
        assertThat(budget.get("dailyAllocation").getLongValue()).isEqualTo(15_000);
    }
}
