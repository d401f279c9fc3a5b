/** LeadSync's business core: plain Java, no framework, no clock, no random ids. */
package io.leadsync.domain;
