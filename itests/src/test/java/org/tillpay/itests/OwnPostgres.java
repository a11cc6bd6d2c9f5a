package org.tillpay.itests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the soak's own, so that it can be restarted without touching the shared one at
 * 127.0.0.1:5432: {@code initdb} into a directory under {@code target/}, {@code pg_ctl} on a free loopback port, trust
 * authentication, run as the {@code postgres} OS user ({@code runuser -u postgres --}, as the tests run as root), with
 * the newest binaries under {@code /usr/lib/postgresql/<version>/bin}.
 */
final class OwnPostgres implements AutoCloseable {

    private final Path dir;
    private final Path bin;
    private final int port;

    private OwnPostgres(Path dir, Path bin, int port) {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
    }

    /**
     * Makes a new cluster in a new directory {@code target/<prefix>*} and starts it.
     *
     * @param prefix the directory name's start
     * @return the running server
     */
    static OwnPostgres initAndStart(String prefix) throws Exception {
        Path bin;
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            bin = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparingInt(b -> Integer.parseInt(b.getParent().getFileName().toString())))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL under /usr/lib/postgresql"));
        }
        Files.createDirectories(Path.of("target"));
        Path dir = Files.createTempDirectory(Path.of("target"), prefix).toAbsolutePath();
        KarafProcess.run(dir, 60, "chown", "postgres:postgres", dir.toString());
        OwnPostgres pg = new OwnPostgres(dir, bin, TillpayTestSupport.freePort());
        String out = pg.asPostgres(120, bin.resolve("initdb").toString(), "-D", pg.data().toString(), "-A", "trust",
                "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8");
        if (!Files.isDirectory(pg.data().resolve("base"))) {
            throw new IllegalStateException("initdb failed: " + out);
        }
        pg.start();
        return pg;
    }

    /** @return the port it listens on (127.0.0.1 only) */
    int port() {
        return port;
    }

    /** Starts the server and waits until it accepts connections. */
    void start() throws Exception {
        String out = asPostgres(120, bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-l",
                dir.resolve("postgresql.log").toString(), "-w", "-t", "100", "-o",
                "-p " + port + " -c listen_addresses=127.0.0.1 -k " + dir + " -c max_connections=300", "start");
        if (!out.contains("server started")) {
            throw new IllegalStateException("pg_ctl start failed: " + out);
        }
    }

    /** Stops the server the hard way ({@code -m immediate}: no checkpoint, crash recovery on the next start). */
    void crash() throws Exception {
        asPostgres(120, bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "immediate", "-w", "stop");
    }

    /** Stops the server (fast shutdown) if it runs; leaves its files for a look afterwards. */
    @Override
    public void close() {
        try {
            asPostgres(120, bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "fast", "-w", "stop");
        } catch (Exception e) {
            System.err.println("could not stop the soak's PostgreSQL in " + dir + ": " + e);
        }
    }

    private Path data() {
        return dir.resolve("data");
    }

    private String asPostgres(int seconds, String... command) throws Exception {
        String[] full = new String[command.length + 4];
        full[0] = "runuser";
        full[1] = "-u";
        full[2] = "postgres";
        full[3] = "--";
        System.arraycopy(command, 0, full, 4, command.length);
        return KarafProcess.run(dir, seconds, full);
    }

    @Override
    public String toString() {
        return "PostgreSQL on 127.0.0.1:" + port + " in " + dir;
    }
}
