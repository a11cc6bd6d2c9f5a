package org.tillpay.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The secrets of the running Karaf, as {@link SecretLeakScan} counts them after the suite, read from inside the
 * container: the files of {@code secrets/} and every {@code *secret*} or {@code *password*} value Config Admin holds
 * (not the {@code $[secret:...]} references). Short values are left out: they would be found by chance.
 */
final class ConfiguredSecrets {

    private ConfiguredSecrets() {
    }

    /** @return the values of every configured secret */
    static Set<String> of(ConfigurationAdmin configAdmin) throws IOException, InvalidSyntaxException {
        Set<String> secrets = new LinkedHashSet<>();
        Path dir = Path.of(System.getProperty("karaf.base", "."), "secrets");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    add(secrets, Files.readString(f, StandardCharsets.UTF_8).strip());
                }
            }
        }
        Configuration[] configs = configAdmin.listConfigurations(null);
        for (Configuration c : configs == null ? new Configuration[0] : configs) {
            if (c.getProperties() == null) {
                continue;
            }
            for (Enumeration<String> keys = c.getProperties().keys(); keys.hasMoreElements();) {
                String key = keys.nextElement();
                if (namesASecret(key)) {
                    add(secrets, String.valueOf(c.getProperties().get(key)).strip());
                }
            }
        }
        return secrets;
    }

    /** @return true when a field of the JSON, at any depth, is named like a secret or a password */
    static boolean namesASecret(JsonNode json) {
        if (json.isArray()) {
            for (JsonNode item : json) {
                if (namesASecret(item)) {
                    return true;
                }
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (namesASecret(field.getKey()) || namesASecret(field.getValue())) {
                return true;
            }
        }
        return false;
    }

    private static boolean namesASecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("secret") || k.contains("password");
    }

    private static void add(Set<String> secrets, String value) {
        if (value.length() >= SecretLeakScan.MIN_LENGTH && !value.startsWith("$[") && !value.startsWith("{CRYPT}")) {
            secrets.add(value);
        }
    }
}
