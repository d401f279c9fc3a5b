package io.leadsync.application.service.pull;

import io.leadsync.application.port.in.pull.LeadLinksUseCase;
import io.leadsync.application.testing.InMemoryCrmLinkRepository;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmLink;
import io.leadsync.domain.lead.LeadId;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.leadsync.domain.lead.LeadFixtures.OTHER_WORKSPACE;
import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;

class LeadLinksServiceTest {
    private final InMemoryCrmLinkRepository links = new InMemoryCrmLinkRepository();
    private final LeadLinksService service = new LeadLinksService(links);

    @Test
    void a_lead_shows_its_record_in_each_crm_of_its_own_workspace_only() {
        LeadId lead = new LeadId("lead-1");
        ConnectionId salesforce = new ConnectionId(UUID.randomUUID());
        ConnectionId hubspot = new ConnectionId(UUID.randomUUID());
        links.save(new CrmLink(WORKSPACE, salesforce, lead, "00Q000000000001", Map.of(), Optional.empty(), T0, false));
        links.save(new CrmLink(WORKSPACE, hubspot, lead, "501", Map.of(), Optional.empty(), T0.plusSeconds(5), true));
        links.save(new CrmLink(OTHER_WORKSPACE, new ConnectionId(UUID.randomUUID()), lead, "00Q000000000009",
                Map.of(), Optional.empty(), T0, false));

        assertThat(service.links(WORKSPACE, lead)).containsExactlyInAnyOrder(
                new LeadLinksUseCase.LeadLink(salesforce, "00Q000000000001", T0, false),
                new LeadLinksUseCase.LeadLink(hubspot, "501", T0.plusSeconds(5), true));
        assertThat(service.links(WORKSPACE, new LeadId("lead-2"))).isEmpty();
    }
}
