package io.leadsync.application.port.in.administer;

/**
 * Looks at every connection's health and tells each workspace's admins what changed: one alert when an incident
 * opens, one recovery message when it is over.
 */
public interface RaiseAlertsUseCase {
    /** One look at every workspace; answers how many alerts and recovery messages went out. */
    int raise();
}
