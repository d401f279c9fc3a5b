package io.leadsync.sandbox.salesforce;

import com.sun.net.httpserver.HttpExchange;
import io.leadsync.sandbox.faults.Fault;
import io.leadsync.sandbox.faults.FaultPlan;
import io.leadsync.sandbox.salesforce.HttpCall.Response;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/**
 * The sandbox's HTTP side, shared by every listener: which host a call reached (the REST API is served at the org's
 * instance and its My Domain only), the faults and latencies injected, then the endpoint the path names. Split from
 * {@link SalesforceSandbox}, which keeps the Java control API.
 */
final class SandboxDispatch {
    private final SalesforceOrg org;
    private final LoginHosts hosts;
    private final FaultPlan faults;
    private final DataEndpoints data;
    private final WebToLead webToLead;
    private final ControlEndpoints control;
    private final SoapEndpoint soap;

    SandboxDispatch(SalesforceOrg org, LoginHosts hosts, FaultPlan faults, DataEndpoints data, WebToLead webToLead,
                    ControlEndpoints control, SoapEndpoint soap) {
        this.org = org;
        this.hosts = hosts;
        this.faults = faults;
        this.data = data;
        this.webToLead = webToLead;
        this.control = control;
        this.soap = soap;
    }

    /** One request at the listener standing for {@code host}, answered by the endpoint its path names. */
    void handle(HttpExchange exchange, LoginHosts.Host host, OAuthEndpoints oauth) {
        try (exchange) {
            Response response;
            try {
                HttpCall call = new HttpCall(exchange);
                String path = call.path();
                boolean dataPath = path.equals("/services/data") || path.startsWith("/services/data/");
                Optional<Response> elsewhere = notServedHere(call, host, dataPath);
                if (elsewhere.isPresent()) {
                    write(exchange, elsewhere.get());
                    return;
                }
                Fault fault = null;
                if (!path.startsWith("/__sandbox/")) {
                    FaultPlan.Outcome outcome = faults.onCall(call.method(), path);
                    fault = outcome.fault().orElse(null);
                    if (fault != null && fault.isTimeout()) {
                        // Counted before the hold: the client's call reached Salesforce even if no answer comes back.
                        org.usage().countCall(dataPath ? DataEndpoints.endpointName(call) : endpointName(call));
                    }
                    try {
                        outcome.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    if (fault != null && fault.isTimeout()) {
                        // Closing the exchange before any response headers drops the connection without an answer.
                        return;
                    }
                }
                if (path.startsWith("/__sandbox/")) {
                    response = control.handle(call);
                } else if (dataPath) {
                    response = data.handle(call, fault);
                } else if (path.equals(OrgEndpoints.APEX_PATH) || path.startsWith(OrgEndpoints.APEX_PATH + "/")) {
                    response = data.apexRest(call, fault);
                } else if (fault != null) {
                    org.usage().countCall(endpointName(call));
                    response = Response.errors(SalesforceFaults.exception(fault));
                } else if (path.equals(WebToLead.PATH)) {
                    response = webToLead.handle(call);
                } else if (SoapEndpoint.handles(path)) {
                    response = soap.handle(call);
                } else if (path.startsWith("/services/oauth2/") || path.startsWith("/id/")) {
                    response = oauth.handle(call);
                } else if (path.equals("/.well-known/openid-configuration") && "GET".equals(call.method())) {
                    org.usage().countCall("GET /.well-known/openid-configuration");
                    response = Response.json(200, org.auth().openIdConfiguration());
                } else {
                    response = Response.errors(ApiException.notFound());
                }
            } catch (RuntimeException e) {
                response = Response.errors(new ApiException(500, ApiError.of("UNKNOWN_EXCEPTION",
                        "An unexpected error occurred. Please include this ErrorId if you contact support: "
                                + Integer.toHexString(e.hashCode()) + " (" + e + ")")));
            }
            write(exchange, response);
        } catch (IOException e) {
            // The client went away; there is nobody left to tell.
        }
    }

    /**
     * What a host that does not hold the org's API answers: the REST API is served at the current instance and the My
     * Domain only. An instance the org left answers API calls with 401 {@code INVALID_SESSION_ID} and redirects a
     * browser to the same page on the new instance; a login host knows no session of the org's.
     */
    private Optional<Response> notServedHere(HttpCall call, LoginHosts.Host host, boolean dataPath) {
        if (call.path().startsWith("/__sandbox/") || hosts.servesApi(host)) {
            return Optional.empty();
        }
        if (dataPath) {
            if (call.path().equals("/services/data") || call.path().equals("/services/data/")) {
                return Optional.empty();
            }
            return Optional.of(Response.errors(ApiException.invalidSession()));
        }
        if (hosts.retired(host) && "GET".equals(call.method()) && !call.path().startsWith("/services/oauth2/")
                && !call.path().startsWith("/id/")) {
            Response moved = Response.empty(301);
            moved.headers().put("Location", hosts.instanceUrl() + call.path());
            return Optional.of(moved);
        }
        return Optional.empty();
    }

    /** A faulted call outside the data API is counted under the name its endpoint would have counted it. */
    private static String endpointName(HttpCall call) {
        return call.path().startsWith("/id/") ? "GET /id/{orgId}/{userId}" : call.method() + " " + call.path();
    }

    private static void write(HttpExchange exchange, Response response) throws IOException {
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        if (response.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
        }
        byte[] body = response.body();
        boolean noBody = body.length == 0 || response.status() == 204 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
