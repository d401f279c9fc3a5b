/** Pull: CRM edits merged back into LeadSync. */
package io.leadsync.application.service.pull;
