/**
 * The workspace's sync over time, as the Overview page charts it: the time buckets of a range (hours of the last day,
 * days of the last month) and the series of counts laid on them.
 */
package io.leadsync.domain.overview;
