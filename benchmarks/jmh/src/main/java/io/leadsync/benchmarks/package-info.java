/**
 * JMH micro-benchmarks of the domain's per-record work (FieldMerge) and the sample lead they share; the CRM mappers'
 * benchmarks sit in their adapters' packages, whose mappers are package-private. Built only with {@code -Pjmh}.
 */
package io.leadsync.benchmarks;
