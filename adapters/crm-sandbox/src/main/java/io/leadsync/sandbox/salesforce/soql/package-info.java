/**
 * The sandbox's SOQL engine: parses the subset of SOQL that LeadSync and its tests send
 * (SELECT fields or COUNT(), one object, WHERE, ORDER BY, LIMIT, OFFSET) and evaluates it against
 * in-memory records. It knows nothing about schemas: the caller validates {@link
 * io.leadsync.sandbox.salesforce.soql.SoqlQuery#referencedFields()} against describe/FLS and supplies
 * field values, so the engine stays a pure function of the query text, the values and a clock.
 *
 * <p>Errors are {@link io.leadsync.sandbox.salesforce.soql.SoqlException}s carrying the Salesforce
 * {@code errorCode}, so the caller can render them straight into the REST error array.
 */
package io.leadsync.sandbox.salesforce.soql;
