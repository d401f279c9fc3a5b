package io.leadsync.domain.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A block of IP addresses in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}), with a name saying what it is
 * for when LeadSync refuses an address in it.
 */
public record AddressRange(String cidr, String kind, byte[] network, int prefixLength) {
    public AddressRange {
        Objects.requireNonNull(cidr, "cidr");
        Objects.requireNonNull(kind, "kind");
        network = network.clone();
        if (prefixLength < 0 || prefixLength > network.length * 8) {
            throw new IllegalArgumentException(cidr + ": the prefix length must be 0 to " + network.length * 8);
        }
    }

    /**
     * Parses {@code address/prefix} (or a single address) written as plain IP literals; host names are refused, so
     * parsing never looks anything up.
     *
     * @throws IllegalArgumentException naming what is wrong with {@code cidr}
     */
    public static AddressRange parse(String cidr, String kind) {
        String text = cidr.strip();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = IpLiterals.canonical(address).orElseThrow(() -> new IllegalArgumentException(cidr
                + ": not an IP range (write 10.0.0.0/8, 192.168.1.20/32 or fd12::/16)"));
        int prefix;
        try {
            prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(cidr + ": the prefix length after / must be a number", e);
        }
        return new AddressRange(text, kind, bytes, prefix);
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (candidate[full] & mask) == (network[full] & mask);
    }

    @Override
    public byte[] network() {
        return network.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AddressRange range && range.prefixLength == prefixLength
                && Arrays.equals(range.network, network) && range.kind.equals(kind);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        return cidr;
    }

    static InetAddress toAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes", e);
        }
    }
}
