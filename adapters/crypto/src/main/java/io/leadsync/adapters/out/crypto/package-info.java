/**
 * The outbound encryption adapter: secrets at rest (OAuth tokens, webhook secrets) sealed with AES-256-GCM through
 * BouncyCastle's lightweight API, under a key ring whose current key encrypts and whose older keys still decrypt.
 */
package io.leadsync.adapters.out.crypto;
