/** Connect: connections to CRMs and endpoints, their health, budget and tokens. */
package io.leadsync.application.port.in.connect;
