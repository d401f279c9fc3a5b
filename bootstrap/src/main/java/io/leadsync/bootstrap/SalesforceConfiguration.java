package io.leadsync.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Salesforce connected app ({@code leadsync.salesforce.*}). Without a client id no Salesforce connection can be
 * made, except in demo mode, where LeadSync runs the Salesforce sandbox and points this at it. {@code login-url} is
 * where production orgs log in, {@code sandbox-login-url} where sandbox orgs do; {@code my-domains} lists origins
 * accepted as an org's My Domain besides {@code https://*.my.salesforce.com}.
 */
@ConfigurationProperties("leadsync.salesforce")
record SalesforceConfiguration(@Nullable String clientId, @Nullable String clientSecret,
                               @Bindable(defaultValue = "https://login.salesforce.com") URI loginUrl,
                               @Bindable(defaultValue = "https://test.salesforce.com") URI sandboxLoginUrl,
                               @Nullable List<String> myDomains,
                               @Nullable URI redirectUri,
                               @Bindable(defaultValue = "v62.0") String apiVersion,
                               @Bindable(defaultValue = "30s") Duration timeout) {
    /** The accepted My Domain origins besides Salesforce's own, without trailing slashes. */
    Set<String> acceptedMyDomains() {
        return myDomains == null ? Set.of() : myDomains.stream().map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> s.endsWith("/") ? s.substring(0, s.length() - 1) : s).collect(Collectors.toSet());
    }

    /** Micronaut logs configuration beans at debug level: the secret must not be in their text. */
    @Override
    public String toString() {
        return "SalesforceConfiguration[clientId=" + clientId + ", clientSecret=" + (clientSecret == null ? "none" : "***")
                + ", loginUrl=" + loginUrl + ", redirectUri=" + redirectUri + ", apiVersion=" + apiVersion + "]";
    }
}
