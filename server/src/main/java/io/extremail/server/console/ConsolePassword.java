package io.extremail.server.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.extremail.server.InvalidConfigurationException;

/**
 * The console's admin password, kept as a salted PBKDF2-HMAC-SHA256 hash in {@code conf/console.password}
 * ({@code pbkdf2-sha256:<iterations>:<salt>:<hash>}, Base64). At first start a random password is made, its hash
 * written there and the password itself in {@code var/console-initial-password} (readable by the server's user only),
 * where {@code bin/extremail-admin} finds it; {@code PASSWORD} replaces it and deletes that file.
 */
public class ConsolePassword {
    static final String HASH_FILE = "conf/console.password";
    static final String INITIAL_FILE = "var/console-initial-password";
    private static final Logger LOGGER = LoggerFactory.getLogger(ConsolePassword.class);
    private static final String SCHEME = "pbkdf2-sha256";
    private static final int ITERATIONS = 210_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path hashFile;
    private final Path initialFile;
    private volatile String stored;

    public ConsolePassword(Path home) {
        this.hashFile = home.resolve(HASH_FILE);
        this.initialFile = home.resolve(INITIAL_FILE);
    }

    /** Reads the hash, creating a first password when there is none; a malformed file stops the start. */
    public void load() throws IOException {
        if (!Files.exists(hashFile)) {
            byte[] random = new byte[18];
            RANDOM.nextBytes(random);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            write(hash(password));
            Files.createDirectories(initialFile.getParent());
            writePrivately(initialFile, password + "\n");
            LOGGER.info("Console password created: it is in {} until changed with PASSWORD", initialFile);
            return;
        }
        String content = Files.readString(hashFile, StandardCharsets.UTF_8).strip();
        String[] parts = content.split(":");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw new InvalidConfigurationException(HASH_FILE + ": not a password hash (" + SCHEME
                + ":<iterations>:<salt>:<hash>); delete the file to get a new random password at the next start");
        }
        stored = content;
    }

    public boolean matches(String candidate) {
        String[] parts = stored.split(":");
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        return MessageDigest.isEqual(expected, derive(candidate, salt, Integer.parseInt(parts[1])));
    }

    public void change(String newPassword) throws IOException {
        write(hash(newPassword));
        Files.deleteIfExists(initialFile);
    }

    private void write(String hash) throws IOException {
        Path temporary = hashFile.resolveSibling(hashFile.getFileName() + ".new");
        writePrivately(temporary, hash + "\n");
        Files.move(temporary, hashFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        stored = hash;
    }

    private static void writePrivately(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static String hash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return SCHEME + ":" + ITERATIONS + ":" + Base64.getEncoder().encodeToString(salt) + ":"
            + Base64.getEncoder().encodeToString(derive(password, salt, ITERATIONS));
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
        }
    }
}
