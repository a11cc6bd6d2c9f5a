package org.tillpay.itests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * After the integration tests (Maven's {@code post-integration-test} phase): no configured secret of any Karaf the
 * tests ran appears in any log of the suite. A Karaf's secrets are the files of its {@code secrets/} directory and
 * every {@code *secret*} or {@code *password*} value Config Admin kept for it (tests configure stores with plain
 * secrets too); the logs are each Karaf's {@code data/log} and the test JVMs' own output. A leak names the secret's
 * file or key and where it was found, never the secret.
 */
public final class SecretLeakScan {

    /** Shorter values (empty, "0", a user name as demo password) would match by chance. */
    static final int MIN_LENGTH = 8;
    private static final Pattern CONFIG_VALUE = Pattern.compile(
            "^\\s*([\\w.]*(?:secret|password)[\\w.]*)\\s*=\\s*\"?([^\"]*)\"?\\s*$", Pattern.CASE_INSENSITIVE);

    private SecretLeakScan() {
    }

    /** A secret and where it was configured (its file or key; the value is never shown). */
    record Secret(String value, String origin) {
        @Override
        public String toString() {
            return origin + " (" + value.length() + " characters)";
        }
    }

    /**
     * @param args the itests module's {@code target} folder
     * @throws AssertionError listing every leak
     */
    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0] : "target");
        List<String> leaks = scan(target);
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " secret(s) found in the suite's logs:\n" + String.join("\n",
                    leaks));
        }
        System.out.println("SecretLeakScan: no configured secret in the logs of " + homes(target).size()
                + " Karaf(s) and the test output");
    }

    /** @return one line per leak: the secret's origin and the log file and line it was found in */
    static List<String> scan(Path target) throws IOException {
        List<String> leaks = new ArrayList<>();
        Set<Secret> all = new LinkedHashSet<>();
        for (Path home : homes(target)) {
            Set<Secret> secrets = secretsOf(home);
            all.addAll(secrets);
            leaks.addAll(find(secrets, files(home.resolve("data/log"))));
        }
        leaks.addAll(find(all, files(target.resolve("failsafe-reports"))));
        return leaks;
    }

    /** @return the Karaf homes the tests unpacked: Pax Exam's and the process-run ones */
    static List<Path> homes(Path target) throws IOException {
        List<Path> homes = new ArrayList<>();
        if (!Files.isDirectory(target)) {
            return homes;
        }
        try (Stream<Path> top = Files.list(target)) {
            for (Path p : top.toList()) {
                if (Files.isDirectory(p.resolve("etc")) && Files.isDirectory(p.resolve("data"))) {
                    homes.add(p);
                } else if (p.getFileName().toString().equals("exam") && Files.isDirectory(p)) {
                    try (Stream<Path> exam = Files.list(p)) {
                        exam.filter(h -> Files.isDirectory(h.resolve("etc"))).forEach(homes::add);
                    }
                }
            }
        }
        return homes;
    }

    /** @return the secrets one Karaf was configured with */
    static Set<Secret> secretsOf(Path home) throws IOException {
        Set<Secret> secrets = new LinkedHashSet<>();
        for (Path f : files(home.resolve("secrets"))) {
            add(secrets, Files.readString(f, StandardCharsets.UTF_8).strip(), "secrets/" + f.getFileName());
        }
        List<Path> configs = new ArrayList<>(files(home.resolve("etc")));
        if (Files.isDirectory(home.resolve("data/cache"))) {
            try (Stream<Path> walk = Files.walk(home.resolve("data/cache"))) {
                walk.filter(p -> p.toString().endsWith(".config")).forEach(configs::add);
            }
        }
        for (Path config : configs) {
            if (!config.toString().endsWith(".cfg") && !config.toString().endsWith(".config")) {
                continue;
            }
            for (String line : Files.readAllLines(config, StandardCharsets.ISO_8859_1)) {
                Matcher m = CONFIG_VALUE.matcher(line);
                if (m.matches() && !m.group(2).startsWith("$[") && !m.group(2).startsWith("{CRYPT}")) {
                    add(secrets, m.group(2).strip(), config.getFileName() + " " + m.group(1));
                }
            }
        }
        return secrets;
    }

    private static void add(Set<Secret> secrets, String value, String origin) {
        if (value.length() >= MIN_LENGTH && secrets.stream().noneMatch(s -> s.value().equals(value))) {
            secrets.add(new Secret(value, origin));
        }
    }

    private static List<String> find(Set<Secret> secrets, List<Path> logs) {
        List<String> leaks = new ArrayList<>();
        if (secrets.isEmpty()) {
            return leaks;
        }
        for (Path log : logs) {
            try (BufferedReader in = Files.newBufferedReader(log, StandardCharsets.ISO_8859_1)) {
                int n = 0;
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    n++;
                    for (Secret s : secrets) {
                        if (line.contains(s.value())) {
                            leaks.add(s + " in " + log + ":" + n);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return leaks;
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isRegularFile).toList();
        }
    }
}
