package io.leadsync.domain.outbound;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads IP addresses written as text without ever asking DNS. Besides the plain forms ({@code 93.184.215.14},
 * {@code 2606:2800::1}) it knows the spellings C's {@code inet_aton} and so many HTTP clients accept, which an
 * attacker uses to slip past a check of the text: hex ({@code 0x7f000001}), octal ({@code 0177.0.0.1}), one big
 * number ({@code 2130706433}) and the short forms ({@code 127.1}).
 */
final class IpLiterals {
    private static final Pattern DOTTED_DECIMAL =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern LOOSE_PART = Pattern.compile("0[xX][0-9a-fA-F]*|0[0-7]*|[1-9]\\d*");

    private IpLiterals() {
    }

    /** The bytes of a plain IPv4 dotted-decimal or IPv6 literal (brackets allowed), else empty. */
    static Optional<byte[]> canonical(String text) {
        String host = unbracket(text);
        if (DOTTED_DECIMAL.matcher(host).matches()) {
            return Optional.of(parse(host).getAddress());
        }
        if (host.indexOf(':') >= 0) {
            // In brackets InetAddress takes the text as an IPv6 literal or fails: it never asks DNS.
            String literal = host.indexOf('%') < 0 ? host : host.substring(0, host.indexOf('%'));
            try {
                return Optional.of(InetAddress.getByName("[" + literal + "]").getAddress());
            } catch (UnknownHostException | IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * The IPv4 address an {@code inet_aton}-style spelling stands for: one to four parts, each decimal, {@code 0x} hex
     * or {@code 0}-led octal, the last part filling the bytes left. Empty when the text is no such number.
     */
    static Optional<byte[]> looseIpv4(String text) {
        String host = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        String[] parts = host.split("\\.", -1);
        if (parts.length > 4 || host.isEmpty()) {
            return Optional.empty();
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (!LOOSE_PART.matcher(part).matches() || part.length() > 40) {
                return Optional.empty();
            }
            BigInteger value = part.startsWith("0x") || part.startsWith("0X")
                    ? (part.length() == 2 ? BigInteger.ZERO : new BigInteger(part.substring(2), 16))
                    : part.length() > 1 && part.startsWith("0") ? new BigInteger(part.substring(1), 8)
                    : new BigInteger(part);
            int bytesLeft = 4 - i;
            long limit = i == parts.length - 1 ? (1L << (8 * bytesLeft)) - 1 : 255;
            if (value.compareTo(BigInteger.valueOf(limit)) > 0) {
                return Optional.empty();
            }
            values[i] = value.longValue();
        }
        long address = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            address |= values[i] << (8 * (3 - i));
        }
        address |= values[parts.length - 1];
        return Optional.of(new byte[] {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8),
                (byte) address});
    }

    static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static InetAddress parse(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a dotted-decimal literal always parses", e);
        }
    }
}
