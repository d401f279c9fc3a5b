package io.leadsync.bootstrap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The embedded PostgreSQL superuser's password: 32 random bytes in base64url, made at the first start and kept in a
 * file only its owner may read or write (mode 600), beside the data directory it unlocks.
 */
final class DatabasePassword {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private DatabasePassword() {
    }

    static String readOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            ownerOnly(file);
            String password = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (!password.matches("[A-Za-z0-9_-]{20,}")) {
                throw new IOException(file + " does not hold a password LeadSync made; restore it or remove it "
                        + "together with the data directory");
            }
            return password;
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file); // not a POSIX file system: its own access rules apply
        } catch (FileAlreadyExistsException e) {
            return readOrCreate(file);
        }
        Files.writeString(file, password, StandardCharsets.US_ASCII);
        return password;
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
    }
}
