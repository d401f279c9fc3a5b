package io.leadsync.domain.outbound;

import io.leadsync.domain.outbound.OutboundPolicy.Destination;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class OutboundPolicyTest {
    /** A DNS the test controls: names not listed do not resolve. */
    private static final Function<String, List<InetAddress>> DNS = name -> Map.of(
            "localhost", List.of(address("127.0.0.1"), address("::1")),
            "hooks.example", List.of(address("93.184.215.14")),
            "split.example", List.of(address("93.184.215.14"), address("10.1.2.3")),
            "metadata.google.internal", List.of(address("169.254.169.254")),
            "crm.corp.internal", List.of(address("10.20.30.40"))).getOrDefault(name, List.of());

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.2", "localhost", "LOCALHOST.", "[::1]", "::1", "0x7f000001",
            "2130706433", "0177.0.0.1", "127.1", "0x7f.0.0.1", "127.000.000.001", "::ffff:127.0.0.1",
            "[::ffff:7f00:1]", "[0:0:0:0:0:ffff:7f00:1]", "169.254.169.254", "metadata.google.internal",
            "[fd00::]", "fd00::1", "[fd00:ec2::254]", "0.0.0.0", "0", "[::]", "10.0.0.1", "172.16.5.4", "192.168.1.1",
            "100.64.0.1", "169.254.1.1", "[fe80::1]", "[fe80::1%25eth0]", "224.0.0.1", "[ff02::1]",
            "255.255.255.255", "[64:ff9b::7f00:1]", "[2002:7f00:1::]", "[::127.0.0.1]", "[2001:0:4136:e378::1]",
            "split.example"})
    void every_spelling_of_a_private_address_is_refused(String host) {
        Destination destination = OutboundPolicy.publicOnly().destination(host, DNS);

        assertThat(destination).isInstanceOf(Destination.Refused.class);
    }

    @Test
    void a_refusal_says_what_the_address_is() {
        assertThat(reason("0x7f000001")).contains("0x7f000001", "127.0.0.1", "loopback");
        assertThat(reason("localhost")).contains("localhost resolves to 127.0.0.1", "loopback");
        assertThat(reason("169.254.169.254")).contains("cloud metadata");
        assertThat(reason("[::ffff:7f00:1]")).contains("loopback");
        assertThat(reason("fd00::")).contains("private");
    }

    @Test
    void a_public_name_is_permitted_with_the_addresses_it_resolved_to() {
        assertThat(OutboundPolicy.publicOnly().destination("hooks.example", DNS))
                .isEqualTo(new Destination.Permitted(List.of(address("93.184.215.14"))));
        assertThat(OutboundPolicy.publicOnly().destination("93.184.215.14", DNS))
                .isEqualTo(new Destination.Permitted(List.of(address("93.184.215.14"))));
        assertThat(OutboundPolicy.publicOnly().destination("[2606:2800:21f:cb07:6820:80da:af6b:8b2c]", DNS))
                .isInstanceOf(Destination.Permitted.class);
    }

    @Test
    void a_name_that_does_not_resolve_is_unknown() {
        assertThat(OutboundPolicy.publicOnly().destination("nowhere.example", DNS))
                .isEqualTo(new Destination.Unknown("nowhere.example"));
    }

    @Test
    void an_operator_may_allow_a_host_by_name_or_a_range() {
        OutboundPolicy onPremises = new OutboundPolicy(Set.of("CRM.corp.internal"),
                List.of(AddressRange.parse("127.0.0.1/32", "test receiver"), AddressRange.parse("fd12::/16", "lab")));

        assertThat(onPremises.destination("crm.corp.internal", DNS)).isInstanceOf(Destination.Permitted.class);
        assertThat(onPremises.destination("127.0.0.1", DNS)).isInstanceOf(Destination.Permitted.class);
        assertThat(onPremises.destination("[fd12::5]", DNS)).isInstanceOf(Destination.Permitted.class);
        assertThat(onPremises.destination("127.0.0.2", DNS)).isInstanceOf(Destination.Refused.class);
        assertThat(onPremises.destination("0x7f000001", DNS)).isInstanceOf(Destination.Refused.class);
        assertThat(onPremises.destination("10.20.30.40", DNS)).isInstanceOf(Destination.Refused.class);
    }

    @Test
    void ranges_are_parsed_as_cidr_and_host_names_are_no_range() {
        AddressRange range = AddressRange.parse("172.16.0.0/12", "private");

        assertThat(range.contains(address("172.31.255.255"))).isTrue();
        assertThat(range.contains(address("172.32.0.0"))).isFalse();
        assertThat(range.contains(address("::1"))).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AddressRange.parse("intranet/8", "x"))
                .hasMessageContaining("not an IP range");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AddressRange.parse("10.0.0.0/33", "x"))
                .hasMessageContaining("prefix length");
    }

    private static String reason(String host) {
        return ((Destination.Refused) OutboundPolicy.publicOnly().destination(host, DNS)).reason();
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
