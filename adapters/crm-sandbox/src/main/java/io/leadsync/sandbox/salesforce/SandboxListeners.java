package io.leadsync.sandbox.salesforce;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sandbox's HTTP listeners on the loopback interface, one per host it stands for (production login, sandbox-org
 * login, My Domain, a moved instance), all dispatching to the one org on a shared thread pool.
 */
final class SandboxListeners implements AutoCloseable {

    private final SalesforceOrg org;
    private final LoginHosts hosts;
    private final SandboxDispatch dispatch;
    private final HttpServer server;
    private final List<HttpServer> otherListeners = new CopyOnWriteArrayList<>();
    private final ExecutorService executor;
    private final String baseUrl;

    SandboxListeners(int port, SalesforceOrg org, LoginHosts hosts, SandboxDispatch dispatch) throws IOException {
        this.org = org;
        this.hosts = hosts;
        this.dispatch = dispatch;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        // Unbounded because an injected timeout holds its thread; a fixed pool would let a few stall everyone.
        this.executor = Executors.newCachedThreadPool(daemonThreads());
        server.setExecutor(executor);
        this.baseUrl = "http://localhost:" + server.getAddress().getPort();
        serve(server, new LoginHosts.Host(LoginHosts.Role.PRODUCTION_LOGIN, baseUrl));
        server.start();
    }

    /** The production login host's URL (the first listener's). */
    String baseUrl() {
        return baseUrl;
    }

    /** Another listener on a free loopback port, standing for the host of {@code role}; answers its URL. */
    String listen(LoginHosts.Role role) throws IOException {
        HttpServer listener = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        listener.setExecutor(executor);
        String url = "http://localhost:" + listener.getAddress().getPort();
        serve(listener, new LoginHosts.Host(role, url));
        listener.start();
        otherListeners.add(listener);
        return url;
    }

    private void serve(HttpServer listener, LoginHosts.Host host) {
        OAuthEndpoints oauth = new OAuthEndpoints(org, hosts, host);
        listener.createContext("/", exchange -> dispatch.handle(exchange, host, oauth));
    }

    /** Stops every listener; {@code beforePool} runs between the listeners and the thread pool. */
    void close(Runnable beforePool) {
        server.stop(0);
        otherListeners.forEach(listener -> listener.stop(0));
        beforePool.run();
        executor.shutdownNow();
    }

    @Override
    public void close() {
        close(() -> { });
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "salesforce-sandbox-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
