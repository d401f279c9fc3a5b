package io.leadsync.adapters.out.crm.webhook;

import io.leadsync.application.port.out.CrmUnavailableException;
import io.leadsync.application.port.out.DestinationRefusedException;
import io.leadsync.application.port.out.HostResolver;
import io.leadsync.application.port.out.LeadEndpoint;
import io.leadsync.domain.outbound.OutboundPolicy;
import jakarta.inject.Singleton;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;

/**
 * How both endpoints reach a receiver (ADR 0042). A customer's URL is resolved once through {@link HostResolver}, each
 * address checked against the {@link OutboundPolicy}, and the socket connected to a checked address: a name that
 * resolves elsewhere a moment later (DNS rebinding) changes nothing. TLS verifies the certificate against the URL's
 * host name. Only the start of an answer's body is read: it is kept as the failure's reason, and a receiver's error
 * page can be large. Redirects are not followed: a webhook that moved must be changed by the admin, not followed with
 * the lead and its credentials.
 *
 * <p>A failure to connect says only "could not connect", whether the port refused or timed out: the policy refuses
 * private addresses before any connect, and on a public host the difference tells nothing the internet cannot.
 */
@Singleton
final class EndpointHttp {
    private static final int READ_AT_MOST = 4 * LeadEndpoint.Answer.EXCERPT;

    private final EndpointHttpSettings settings;
    private final HostResolver resolver;
    private final OutboundPolicy policy;

    EndpointHttp(EndpointHttpSettings settings, HostResolver resolver, OutboundPolicy policy) {
        this.settings = settings;
        this.resolver = resolver;
        this.policy = policy;
    }

    EndpointHttpSettings settings() {
        return settings;
    }

    /** To a URL a customer chose: refused unless every address its host resolves to passes the policy. */
    LeadEndpoint.Answer sendToCustomer(Http11Exchange.Request request) {
        String host = request.uri().getHost();
        OutboundPolicy.Destination destination = policy.destination(host, resolver::addresses);
        if (destination instanceof OutboundPolicy.Destination.Refused refused) {
            throw new DestinationRefusedException(refused.reason());
        }
        if (destination instanceof OutboundPolicy.Destination.Unknown) {
            throw new CrmUnavailableException(host + " has no address in DNS");
        }
        return send(request, ((OutboundPolicy.Destination.Permitted) destination).addresses());
    }

    /** To a URL the operator configured (Salesforce's Web-to-Lead servlet, the sandbox in demo mode). */
    LeadEndpoint.Answer sendToConfigured(Http11Exchange.Request request) {
        List<InetAddress> addresses = resolver.addresses(request.uri().getHost());
        if (addresses.isEmpty()) {
            throw new CrmUnavailableException(request.uri().getHost() + " has no address in DNS");
        }
        return send(request, addresses);
    }

    private LeadEndpoint.Answer send(Http11Exchange.Request request, List<InetAddress> addresses) {
        URI uri = request.uri();
        boolean tls = uri.getScheme().toLowerCase(Locale.ROOT).equals("https");
        int port = uri.getPort() >= 0 ? uri.getPort() : tls ? 443 : 80;
        // The host only in messages: the URL's path or query may carry a receiver's key.
        String host = uri.getHost();
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        Socket socket = connect(addresses, port, host);
        try {
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis()));
            Socket open = tls ? tls(socket, host, port) : socket;
            return Http11Exchange.post(open, request.withHeader("User-Agent", "LeadSync"), deadline, READ_AT_MOST);
        } catch (SSLException e) {
            throw new CrmUnavailableException("the TLS handshake with " + host + " failed (its certificate is not "
                    + "trusted for that name, or no protocol in common)");
        } catch (SocketTimeoutException e) {
            throw new CrmUnavailableException(host + " did not answer within " + settings.timeout().toSeconds() + " s");
        } catch (IOException e) {
            throw new CrmUnavailableException("the connection to " + host + " broke off: " + e.getClass()
                    .getSimpleName());
        } finally {
            close(socket);
        }
    }

    /** The first of the checked addresses that accepts a connection, and no other address. */
    private Socket connect(List<InetAddress> addresses, int port, String host) {
        int timeout = (int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis());
        for (InetAddress address : addresses) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, port), timeout);
                return socket;
            } catch (IOException e) {
                close(socket);
            }
        }
        throw new CrmUnavailableException("could not connect to " + host + " on port " + port);
    }

    private static Socket tls(Socket socket, String host, int port) throws IOException {
        try {
            SSLSocket ssl = (SSLSocket) SSLContext.getDefault().getSocketFactory()
                    .createSocket(socket, host, port, true);
            SSLParameters parameters = ssl.getSSLParameters();
            // Checks the certificate names the URL's host, though the socket was opened to an address.
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            if (!host.startsWith("[") && !host.matches("[0-9.]+")) {
                parameters.setServerNames(List.of(new SNIHostName(host)));
            }
            ssl.setSSLParameters(parameters);
            ssl.startHandshake();
            return ssl;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has TLS", e);
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing was sent on it
        }
    }
}
