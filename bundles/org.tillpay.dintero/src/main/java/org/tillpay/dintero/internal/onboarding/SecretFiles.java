package org.tillpay.dintero.internal.onboarding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The secrets directory that Config Admin's interpolation plugin reads {@code $[secret:<name>]} from: onboarding
 * writes each secret there the moment Dintero shows it (a client secret is shown once), readable by the Karaf user
 * only, and puts only the reference in the store's configuration.
 */
final class SecretFiles {

    /** The framework property naming the directory. */
    static final String DIRECTORY_PROPERTY = "org.apache.felix.configadmin.plugin.interpolation.secretsdir";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path directory;

    SecretFiles(Path directory) {
        this.directory = directory;
    }

    /** @return true when a secret of that name is stored */
    boolean exists(String name) {
        return Files.isRegularFile(file(name));
    }

    /**
     * Stores a secret (replacing one of the same name): written to a temporary file with owner-only permissions,
     * then moved into place, so a reader never sees half a secret.
     *
     * @return the reference to put in a configuration: {@code $[secret:<name>]}
     */
    String write(String name, String secret) {
        Path target = file(name);
        try {
            Files.createDirectories(directory);
            Path partial = Files.createTempFile(directory, ".tillpay-", ".part");
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
            }
            Files.writeString(partial, secret, StandardCharsets.UTF_8);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("the secret " + name + " could not be written to " + directory, e);
        }
        return reference(name);
    }

    /** @return a new random secret: 32 bytes, URL-safe Base64 */
    static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** @return {@code $[secret:<name>]} */
    static String reference(String name) {
        return "$[secret:" + name + "]";
    }

    private Path file(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("secret name: letters, digits, '.', '_' and '-', was '" + name + "'");
        }
        return directory.resolve(name);
    }
}
