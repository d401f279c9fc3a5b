/**
 * The agent API: AI SDR agents capture, update and read their workspace's leads over JSON, authenticated by a
 * workspace API key sent as a Bearer token. Requests are parsed strictly and every bad field is reported at once.
 */
package io.leadsync.adapters.in.http.agent;
