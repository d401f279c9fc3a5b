package io.leadsync.adapters.out.crypto;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The named 256-bit keys that protect secrets at rest, and which of them encrypts new secrets. Older keys stay in the
 * ring so that what they sealed can still be read until it has been encrypted again under the current key.
 *
 * <p>A key file is properties-style, one entry a line, {@code #} starts a comment:
 * <pre>
 * current=k2
 * key.k1=&lt;base64 of 32 bytes&gt;
 * key.k2=&lt;base64 of 32 bytes&gt;
 * </pre>
 * On POSIX file systems a key file that its group or others may read or write is refused, as OpenSSH refuses a
 * private key: a master key that anyone on the host can read protects nothing, and refusing at start-up is the only
 * way the mistake gets noticed.
 */
public final class KeyRing {
    /** AES-256. */
    public static final int KEY_BYTES = 32;

    static final String DEMO_KEY_ID = "demo";

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final String CURRENT_ENTRY = "current";
    private static final String KEY_ENTRY_PREFIX = "key.";
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final String currentKeyId;
    private final Map<String, byte[]> keys;

    private KeyRing(String currentKeyId, Map<String, byte[]> keys) {
        this.currentKeyId = currentKeyId;
        this.keys = keys;
    }

    /**
     * @param keys key id to raw key, in the order the ring should list them; every key exactly {@value #KEY_BYTES}
     *             bytes. The arrays are copied.
     * @throws IllegalArgumentException if an id or a key is invalid or the current id is not among the keys
     */
    public static KeyRing of(String currentKeyId, Map<String, byte[]> keys) {
        Objects.requireNonNull(currentKeyId, "currentKeyId");
        Objects.requireNonNull(keys, "keys");
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("A key ring needs at least one key");
        }
        Map<String, byte[]> copy = new LinkedHashMap<>();
        keys.forEach((id, key) -> {
            requireValidId(id);
            // The length alone is safe to report; the bytes never are.
            if (key == null || key.length != KEY_BYTES) {
                throw new IllegalArgumentException("Key '" + id + "' must be exactly " + KEY_BYTES + " bytes (AES-256), "
                        + "but has " + (key == null ? "none" : key.length + " bytes"));
            }
            copy.put(id, key.clone());
        });
        requireValidId(currentKeyId);
        if (!copy.containsKey(currentKeyId)) {
            throw new IllegalArgumentException("The current key '" + currentKeyId + "' is not among the keys "
                    + copy.keySet());
        }
        return new KeyRing(currentKeyId, Collections.unmodifiableMap(copy));
    }

    /**
     * @param keys key id to the key in standard base64 (as {@code openssl rand -base64 32} prints it)
     */
    public static KeyRing fromBase64(String currentKeyId, Map<String, String> keys) {
        Objects.requireNonNull(keys, "keys");
        Map<String, byte[]> decoded = new LinkedHashMap<>();
        keys.forEach((id, base64) -> decoded.put(id, decodeKey(id, base64)));
        return of(currentKeyId, decoded);
    }

    /**
     * Reads a key file (format in the class comment).
     *
     * @throws IllegalArgumentException if the file is malformed, or on POSIX if its group or others have any access
     * @throws UncheckedIOException     if it cannot be read
     */
    public static KeyRing fromKeyFile(Path file) {
        Objects.requireNonNull(file, "file");
        requireOwnerOnly(file);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the key file " + file, e);
        }
        String current = null;
        Map<String, String> keys = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int lineNumber = i + 1;
            // Errors name the line and the entry, never the line itself: it may hold a key.
            int separator = line.indexOf('=');
            if (separator < 0) {
                throw new IllegalArgumentException("Key file " + file + ", line " + lineNumber
                        + ": expected 'current=<id>' or 'key.<id>=<base64>'");
            }
            String name = line.substring(0, separator).strip();
            String value = line.substring(separator + 1).strip();
            if (name.equals(CURRENT_ENTRY)) {
                if (current != null) {
                    throw new IllegalArgumentException("Key file " + file + ", line " + lineNumber
                            + ": 'current' is given twice");
                }
                current = value;
            } else if (name.startsWith(KEY_ENTRY_PREFIX)) {
                String id = name.substring(KEY_ENTRY_PREFIX.length());
                if (keys.putIfAbsent(id, value) != null) {
                    throw new IllegalArgumentException("Key file " + file + ", line " + lineNumber + ": key '" + id
                            + "' is given twice");
                }
            } else {
                throw new IllegalArgumentException("Key file " + file + ", line " + lineNumber
                        + ": unknown entry; expected 'current=<id>' or 'key.<id>=<base64>'");
            }
        }
        if (current == null) {
            throw new IllegalArgumentException("Key file " + file + " does not say which key is current "
                    + "('current=<id>')");
        }
        try {
            return fromBase64(current, keys);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Key file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * For a first start on a developer's machine: creates a key file holding one random key, readable only by its
     * owner, unless the file already exists. Either way, returns the ring the file holds.
     */
    public static KeyRing generateDemoKeyFile(Path file) {
        Objects.requireNonNull(file, "file");
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        String content = "# LeadSync secret-encryption keys. Keep this file private and backed up: without it,\n"
                + "# stored CRM tokens cannot be read.\n"
                + CURRENT_ENTRY + "=" + DEMO_KEY_ID + "\n"
                + KEY_ENTRY_PREFIX + DEMO_KEY_ID + "=" + Base64.getEncoder().encodeToString(key) + "\n";
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            // Created with its final permissions and CREATE_NEW, so the key is never readable by others, not even
            // briefly, and a file another process made first is kept rather than overwritten.
            try (OutputStream out = Files.newOutputStream(createOwnerOnly(file), StandardOpenOption.WRITE)) {
                out.write(content.getBytes(StandardCharsets.UTF_8));
            }
        } catch (FileAlreadyExistsException alreadyThere) {
            return fromKeyFile(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the key file " + file, e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        return fromKeyFile(file);
    }

    /** The id of the key that encrypts new secrets. */
    public String currentKeyId() {
        return currentKeyId;
    }

    /** Every key id, in ring order. */
    public List<String> keyIds() {
        return List.copyOf(keys.keySet());
    }

    /** The raw key; package-private so that key material stays inside this adapter. The caller must not change it. */
    Optional<byte[]> key(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }

    /** Names the keys, never shows them. */
    @Override
    public String toString() {
        return "KeyRing[current=" + currentKeyId + ", keys=" + new ArrayList<>(keys.keySet()) + "]";
    }

    static boolean isValidId(String keyId) {
        return keyId != null && KEY_ID.matcher(keyId).matches();
    }

    private static void requireValidId(String keyId) {
        if (!isValidId(keyId)) {
            // An invalid id may be anything, even a pasted key; show only its length.
            throw new IllegalArgumentException("A key id must be 1 to 32 of A-Z, a-z, 0-9, '_' and '-' (got "
                    + (keyId == null ? "none" : keyId.length() + " characters") + ")");
        }
    }

    private static byte[] decodeKey(String keyId, String base64) {
        requireValidId(keyId);
        if (base64 == null) {
            throw new IllegalArgumentException("Key '" + keyId + "' has no value");
        }
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            // The decoder's message quotes the offending character: not the key, but not ours to repeat either.
            throw new IllegalArgumentException("Key '" + keyId + "' is not valid base64");
        }
    }

    private static void requireOwnerOnly(Path file) {
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix == null) {
            return;
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = posix.readAttributes().permissions();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the key file " + file, e);
        }
        if (!Collections.disjoint(permissions, GROUP_OR_OTHERS)) {
            throw new IllegalArgumentException("Key file " + file + " is accessible by group or others ("
                    + PosixFilePermissions.toString(permissions) + "); it must be readable by its owner only: "
                    + "chmod 600 " + file);
        }
    }

    private static Path createOwnerOnly(Path file) throws IOException {
        boolean posix = file.toAbsolutePath().getParent() != null
                && Files.getFileStore(file.toAbsolutePath().getParent())
                        .supportsFileAttributeView(PosixFileAttributeView.class);
        if (posix) {
            FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
            return Files.createFile(file, ownerOnly);
        }
        return Files.createFile(file);
    }
}
