/** Pull: CRM edits merged back into LeadSync. */
package io.leadsync.application.port.in.pull;
