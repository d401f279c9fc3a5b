package io.leadsync.application.port.in.configure;

/**
 * One row of a field mapping as an admin sent it, not yet checked: names as text, so that every bad row and member
 * can be reported at once rather than the first one that fails to parse. {@code direction} null means both ways,
 * {@code conflictPolicy} null means the connection's.
 */
public record MappingInput(String appField, String crmField, String direction, String conflictPolicy) {
}
