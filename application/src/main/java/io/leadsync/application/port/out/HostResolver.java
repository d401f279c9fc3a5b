package io.leadsync.application.port.out;

import java.net.InetAddress;
import java.util.List;

/**
 * Finds the addresses a host name stands for (DNS). Requests to customers' URLs resolve a name once, check every
 * address against the {@link io.leadsync.domain.outbound.OutboundPolicy} and connect to a checked one, so a name that
 * answers differently the next time cannot lead them elsewhere.
 */
public interface HostResolver {
    /** The host's addresses, in the order to try them; empty when the name does not resolve. */
    List<InetAddress> addresses(String host);
}
