/**
 * The admin JSON API for CRM connections (connect, status, sync now, disconnect) and the OAuth callback the CRMs send
 * the admin's browser back to.
 */
package io.leadsync.adapters.in.http.admin;
