package org.tillpay.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@link SecretLeakScan} finds a planted secret, names where it came from, and never shows it. */
public class SecretLeakScanTest {

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void aSecretFromAnyConfiguredPlaceIsFoundInTheLogsAndNotShown() throws Exception {
        Path target = tmp.getRoot().toPath();
        Path home = target.resolve("exam/karaf-1");
        Files.createDirectories(home.resolve("etc"));
        Files.createDirectories(home.resolve("secrets"));
        Files.createDirectories(home.resolve("data/log"));
        Files.createDirectories(home.resolve("data/cache/bundle13/data/config/org/tillpay"));
        Files.writeString(home.resolve("secrets/store-client-secret"), "file-secret-0123456789");
        Files.writeString(home.resolve("etc/org.tillpay.dintero.store-demo.cfg"),
                "client.secret = $[secret:store-client-secret]\nsmtp.password = etc-password-42\nstore.id = demo\n");
        Files.writeString(home.resolve("data/cache/bundle13/data/config/org/tillpay/store%007eit.config"),
                "client.secret=\"config-admin-secret\"\nsignature.secret=\"short\"\n");
        Files.writeString(home.resolve("data/log/karaf.log"), "all is well\nnothing here: demo, short\n");
        Files.createDirectories(target.resolve("failsafe-reports"));
        Files.writeString(target.resolve("failsafe-reports/X-output.txt"), "quiet\n");

        assertEquals(List.of(), SecretLeakScan.scan(target));
        assertEquals(3, SecretLeakScan.secretsOf(home).size());

        Files.writeString(home.resolve("data/log/karaf.log"), "token for config-admin-secret\n"
                + "mail with etc-password-42\n", java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(target.resolve("failsafe-reports/X-output.txt"), "oops file-secret-0123456789\n");
        List<String> leaks = SecretLeakScan.scan(target);
        assertEquals(leaks.toString(), 3, leaks.size());
        assertTrue(leaks.toString(), leaks.get(0).contains("store%007eit.config client.secret")
                || leaks.toString().contains("store%007eit.config client.secret"));
        assertTrue(leaks.toString(), leaks.toString().contains("karaf.log:3"));
        assertTrue(leaks.toString(), leaks.toString().contains("secrets/store-client-secret"));
        for (String secret : List.of("config-admin-secret", "etc-password-42", "file-secret-0123456789")) {
            assertFalse("never shown", leaks.toString().contains(secret));
        }
    }
}
