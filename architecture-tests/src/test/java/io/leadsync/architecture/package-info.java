/** ArchUnit rules of STYLE.md over every module, and a canary that proves they catch what they should. */
package io.leadsync.architecture;
