package io.leadsync.domain.outbound;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which addresses a request to a customer's URL may reach: public internet addresses only, unless the operator named
 * the host or its range. Loopback, private, link-local, multicast, unspecified, reserved and cloud-metadata addresses
 * are refused in every spelling (hex, octal, one number, IPv4 inside IPv6), and the check is made on each address the
 * name resolves to, so the caller connects to an address this policy saw (no second lookup an attacker's DNS could
 * answer differently).
 *
 * @param allowedHosts  host names the operator trusts whatever they resolve to (on-premises receivers)
 * @param allowedRanges address ranges the operator trusts, checked before the refused ones
 */
public record OutboundPolicy(Set<String> allowedHosts, List<AddressRange> allowedRanges) {
    /** Refused blocks, the narrower first so a refusal names the most telling reason. */
    static final List<AddressRange> REFUSED = List.of(
            AddressRange.parse("169.254.169.254/32", "cloud metadata"),
            AddressRange.parse("100.100.100.200/32", "cloud metadata"),
            AddressRange.parse("fd00:ec2::254/128", "cloud metadata"),
            AddressRange.parse("0.0.0.0/8", "unspecified (\"this network\")"),
            AddressRange.parse("10.0.0.0/8", "private"),
            AddressRange.parse("100.64.0.0/10", "shared (carrier-grade NAT)"),
            AddressRange.parse("127.0.0.0/8", "loopback"),
            AddressRange.parse("169.254.0.0/16", "link-local"),
            AddressRange.parse("172.16.0.0/12", "private"),
            AddressRange.parse("192.0.0.0/24", "reserved (IETF protocol assignments)"),
            AddressRange.parse("192.0.2.0/24", "reserved (documentation)"),
            AddressRange.parse("192.88.99.0/24", "reserved (6to4 relay)"),
            AddressRange.parse("192.168.0.0/16", "private"),
            AddressRange.parse("198.18.0.0/15", "reserved (benchmarking)"),
            AddressRange.parse("198.51.100.0/24", "reserved (documentation)"),
            AddressRange.parse("203.0.113.0/24", "reserved (documentation)"),
            AddressRange.parse("224.0.0.0/4", "multicast"),
            AddressRange.parse("240.0.0.0/4", "reserved (and broadcast)"),
            AddressRange.parse("::/128", "unspecified"),
            AddressRange.parse("::1/128", "loopback"),
            AddressRange.parse("::/96", "reserved (IPv4-compatible IPv6)"),
            AddressRange.parse("64:ff9b:1::/48", "private (local NAT64)"),
            AddressRange.parse("100::/64", "reserved (discard)"),
            AddressRange.parse("2001::/23", "reserved (IETF protocol assignments, Teredo)"),
            AddressRange.parse("2001:db8::/32", "reserved (documentation)"),
            AddressRange.parse("fc00::/7", "private (unique local)"),
            AddressRange.parse("fe80::/10", "link-local"),
            AddressRange.parse("fec0::/10", "private (site-local)"),
            AddressRange.parse("ff00::/8", "multicast"));
    /** IPv6 blocks that carry an IPv4 address inside, and where it sits: that address is checked too. */
    private static final List<AddressRange> CARRIES_IPV4 = List.of(
            AddressRange.parse("64:ff9b::/96", "NAT64"),
            AddressRange.parse("2002::/16", "6to4"));

    public OutboundPolicy {
        allowedHosts = allowedHosts.stream().map(OutboundPolicy::normalise).collect(Collectors.toUnmodifiableSet());
        allowedRanges = List.copyOf(allowedRanges);
    }

    /** Public addresses only; nothing allowed by name or range. */
    public static OutboundPolicy publicOnly() {
        return new OutboundPolicy(Set.of(), List.of());
    }

    /** Where a request to {@code host} may go, resolving it (once) with {@code resolver} when it is a name. */
    public Destination destination(String host, Function<String, List<InetAddress>> resolver) {
        Objects.requireNonNull(host, "host");
        String name = normalise(host);
        if (allowedHosts.contains(name)) {
            List<InetAddress> addresses = resolver.apply(name);
            return addresses.isEmpty() ? new Destination.Unknown(name) : new Destination.Permitted(addresses);
        }
        Optional<byte[]> literal = IpLiterals.canonical(name);
        if (literal.isEmpty()) {
            Optional<byte[]> odd = IpLiterals.looseIpv4(name);
            if (odd.isPresent()) {
                InetAddress meant = AddressRange.toAddress(odd.get());
                return new Destination.Refused(host + " is an unusual spelling of the IP address "
                        + meant.getHostAddress() + refusal(meant).map(kind -> ", " + kind).orElse("")
                        + "; write a host name or a plain IP address");
            }
        }
        List<InetAddress> addresses = literal.map(bytes -> List.of(AddressRange.toAddress(bytes)))
                .orElseGet(() -> resolver.apply(name));
        if (addresses.isEmpty()) {
            return new Destination.Unknown(name);
        }
        for (InetAddress address : addresses) {
            Optional<String> refusal = refusal(address);
            if (refusal.isPresent()) {
                String what = literal.isPresent() ? host : host + " resolves to " + address.getHostAddress() + ",";
                return new Destination.Refused(what + " " + refusal.get() + ": LeadSync sends nothing to its own "
                        + "host or private networks unless an operator allows that host or range");
            }
        }
        return new Destination.Permitted(addresses);
    }

    /** Why {@code address} is refused ("a loopback address"), unless it is public or an allowed range holds it. */
    public Optional<String> refusal(InetAddress address) {
        if (allowedRanges.stream().anyMatch(range -> range.contains(address))) {
            return Optional.empty();
        }
        byte[] raw = address.getAddress();
        if (raw.length == 16 && isIpv4Mapped(raw)) {
            // InetAddress turns ::ffff:a.b.c.d into IPv4 itself, but an address built otherwise may keep the form.
            return refusal(AddressRange.toAddress(java.util.Arrays.copyOfRange(raw, 12, 16)));
        }
        for (AddressRange carrier : CARRIES_IPV4) {
            if (carrier.contains(address)) {
                byte[] bytes = address.getAddress();
                int at = carrier.kind().equals("6to4") ? 2 : 12;
                InetAddress inner = AddressRange.toAddress(new byte[] {bytes[at], bytes[at + 1], bytes[at + 2],
                        bytes[at + 3]});
                return refusal(inner).map(kind -> kind + " (" + carrier.kind() + " IPv6 for "
                        + inner.getHostAddress() + ")");
            }
        }
        return REFUSED.stream().filter(range -> range.contains(address)).findFirst()
                .map(range -> "a" + (range.kind().matches("[aeiou].*") ? "n " : " ") + range.kind() + " address");
    }

    private static boolean isIpv4Mapped(byte[] raw) {
        for (int i = 0; i < 10; i++) {
            if (raw[i] != 0) {
                return false;
            }
        }
        return raw[10] == (byte) 0xff && raw[11] == (byte) 0xff;
    }

    private static String normalise(String host) {
        String name = IpLiterals.unbracket(host.strip()).toLowerCase(Locale.ROOT);
        return name.endsWith(".") && name.length() > 1 ? name.substring(0, name.length() - 1) : name;
    }

    /** The outcome of {@link #destination}. */
    public sealed interface Destination {
        /** Every address the host resolved to is allowed; connect to these, in order, and to nothing else. */
        record Permitted(List<InetAddress> addresses) implements Destination {
            public Permitted {
                addresses = List.copyOf(addresses);
            }
        }

        /** Refused, with a reason an admin can act on. */
        record Refused(String reason) implements Destination {
        }

        /** The name has no address (yet). */
        record Unknown(String host) implements Destination {
        }
    }
}
