package io.leadsync.domain.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkspaceTest {

    private static final WorkspaceId ID = WorkspaceId.of("00000000-0000-0000-0000-00000000000a");
    private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

    @Test
    void names_are_trimmed() {
        Workspace workspace = new Workspace(ID, "  Acme Corp ", " Acme SDR\t", T0);

        assertThat(workspace.name()).isEqualTo("Acme Corp");
        assertThat(workspace.productName()).isEqualTo("Acme SDR");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void a_workspace_needs_a_name_and_a_product_name(String blank) {
        assertThatThrownBy(() -> new Workspace(ID, blank, "Acme SDR", T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Workspace(ID, "Acme", blank, T0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void names_of_100_characters_are_accepted_and_one_more_is_refused() {
        String longest = "n".repeat(Workspace.MAX_NAME_LENGTH);
        assertThat(new Workspace(ID, " " + longest + " ", longest, T0).name()).hasSize(100);

        assertThatThrownBy(() -> new Workspace(ID, longest + "n", "Acme SDR", T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Workspace(ID, "Acme", longest + "n", T0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_workspace_id_reads_from_and_shows_as_its_uuid() {
        assertThat(WorkspaceId.of("00000000-0000-0000-0000-00000000000a")).isEqualTo(ID)
                .hasToString("00000000-0000-0000-0000-00000000000a");
        assertThatThrownBy(() -> WorkspaceId.of("acme")).isInstanceOf(IllegalArgumentException.class);
    }
}
