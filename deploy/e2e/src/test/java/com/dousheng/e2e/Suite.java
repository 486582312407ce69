package com.dousheng.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the whole suite once per test run with the README's command ({@code deploy/run.sh start}) and stops it
 * when every test is done. Test data lives apart from a developer's: databases suffixed {@code _e2e}, Redis
 * database 9, media under .run/e2e-media, all wiped before the run.
 */
public class Suite implements BeforeAllCallback {
    public static final String GATEWAY = "http://127.0.0.1:8080";
    public static final String NACOS = "http://127.0.0.1:8848";
    static final Path ROOT = Path.of("").toAbsolutePath();
    static final String JWT_SECRET = "e2e-secret-" + String.format("%016x", System.nanoTime()) + "-0123456789abcdef";
    static final String DB_SUFFIX = "_e2e";
    /**
     * The flows register about 50 users and upload about 30 videos from 127.0.0.1 within a minute, far beyond what
     * one person does, so the per-address limits are raised; throttling stays in the path (the gateway tests cover
     * its refusals).
     */
    static final Map<String, String> ENV = Map.of(
            "DOUSHENG_SKIP_BUILD", "1",
            "DOUSHENG_DB_SUFFIX", DB_SUFFIX,
            "DOUSHENG_REDIS_DATABASE", "9",
            "DOUSHENG_MEDIA_DIR", ROOT.resolve(".run/e2e-media").toString(),
            "DOUSHENG_JWT_SECRET", JWT_SECRET,
            "DOUSHENG_THROTTLE_REGISTER_PER_ADDRESS_PERMITS", "10000",
            "DOUSHENG_THROTTLE_REGISTER_PER_ADDRESS_BURST", "10000",
            "DOUSHENG_THROTTLE_LOGIN_PER_ADDRESS_PERMITS", "10000",
            "DOUSHENG_THROTTLE_LOGIN_PER_ADDRESS_BURST", "10000",
            "DOUSHENG_THROTTLE_WRITE_PER_USER_BURST", "1000");
    static final List<String> DATABASES = List.of("user", "video", "interaction", "relation", "message");

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent("dousheng-suite", key -> start(), Running.class);
    }

    /** Closed by JUnit after the last test of the run. */
    static final class Running implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws Exception {
            System.out.println("[e2e] stopping the suite");
            run("stop");
        }
    }

    private static Running start() {
        try {
            if (portOpen(8080) || portOpen(8848)) {
                throw new IllegalStateException("ports 8080/8848 are taken: stop the running suite first "
                        + "(bash deploy/run.sh stop) so that the end-to-end tests start their own");
            }
            wipeTestData();
            System.out.println("[e2e] starting the suite with deploy/run.sh start");
            long started = System.nanoTime();
            run("start");
            System.out.printf("[e2e] suite up in %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
            return new Running();
        } catch (Exception e) {
            try {
                run("stop");
            } catch (Exception ignored) {
                // the start failure is the one worth reporting
            }
            throw new IllegalStateException("the suite did not start: " + e.getMessage(), e);
        }
    }

    static void run(String command) throws IOException, InterruptedException {
        run(command, "", environment -> { });
    }

    /** deploy/run.sh with DOUSHENG_INSTANCES set to {@code instances}, or unset when it is null. */
    static void run(String command, String instances) throws IOException, InterruptedException {
        run(command, " (instances: " + instances + ")", environment -> {
            if (instances == null) {
                environment.remove("DOUSHENG_INSTANCES");
            } else {
                environment.put("DOUSHENG_INSTANCES", instances);
            }
        });
    }

    private static void run(String command, String describe, Consumer<Map<String, String>> adjustEnvironment)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "deploy/run.sh", command)
                .directory(ROOT.toFile()).inheritIO();
        builder.environment().putAll(ENV);
        adjustEnvironment.accept(builder.environment());
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("deploy/run.sh " + command + describe + " failed");
        }
    }

    /** A connection to the server, or to one service's test database when {@code service} is not null. */
    static Connection db(String service) throws SQLException {
        String database = service == null ? "" : "dousheng_" + service + DB_SUFFIX;
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:3306/" + database
                        + "?allowPublicKeyRetrieval=true&useSSL=false",
                env("DOUSHENG_DB_USER", "root"), env("DOUSHENG_DB_PASSWORD", ""));
    }

    private static void wipeTestData() throws Exception {
        try (Connection c = db(null); Statement s = c.createStatement()) {
            for (String db : DATABASES) {
                s.execute("DROP DATABASE IF EXISTS dousheng_" + db + DB_SUFFIX);
            }
        }
        new ProcessBuilder("redis-cli", "-n", "9", "FLUSHDB").inheritIO().start().waitFor();
        Path media = ROOT.resolve(".run/e2e-media");
        if (Files.exists(media)) {
            try (var paths = Files.walk(media)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The five services, in deploy/run.sh's order; their ports are 8081-8085, management ports 9081-9085. */
    static final List<String> SERVICES = List.of("user-service", "video-service", "interaction-service",
            "relation-service", "message-service");

    /** deploy/run.sh's layout: instance {@code n} listens on the first one's ports + 100 * (n - 1). */
    static int managementPort(String service, int n) {
        return 9081 + SERVICES.indexOf(service) + 100 * (n - 1);
    }

    /** deploy/run.sh's pid file of instance {@code n} (from 1) of an application. */
    static Path pidFile(String application, int n) {
        return ROOT.resolve(".run/" + application + "-" + n + ".pid");
    }

    static long pid(String application, int n) throws IOException {
        return Long.parseLong(Files.readString(pidFile(application, n)).trim());
    }

    /** Sends a signal by name (STOP, CONT) with kill(1): Java's ProcessHandle only terminates. */
    static void signal(long pid, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
        }
    }

    /**
     * Stops instance {@code n} of each application, all at once (SIGTERM: each leaves Nacos and drains first),
     * and forgets their pid files.
     */
    static void stopInstances(int n, List<String> applications) throws Exception {
        List<ProcessHandle> stopping = new ArrayList<>();
        for (String application : applications) {
            Path file = pidFile(application, n);
            if (Files.exists(file)) {
                ProcessHandle.of(pid(application, n)).ifPresent(process -> {
                    process.destroy();
                    stopping.add(process);
                });
                Files.delete(file);
            }
        }
        for (ProcessHandle process : stopping) {
            if (process.onExit().completeOnTimeout(null, 60, TimeUnit.SECONDS).get() == null) {
                process.destroyForcibly();
                process.onExit().get(30, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Back to the suite as {@link #start} made it: every instance 1 running (deploy/run.sh start without
     * DOUSHENG_INSTANCES starts whichever is missing), every second instance stopped.
     */
    static void oneInstanceEach() throws Exception {
        run("start", null);
        stopInstances(2, SERVICES);
    }

    /** Empties the e2e Redis database: every cached value is gone, MySQL keeps the truth. */
    static void flushRedis() throws IOException, InterruptedException {
        Process flush = new ProcessBuilder("redis-cli", "-n", "9", "FLUSHDB").inheritIO().start();
        if (!flush.waitFor(30, TimeUnit.SECONDS) || flush.exitValue() != 0) {
            throw new IllegalStateException("redis-cli -n 9 FLUSHDB failed");
        }
    }

    static boolean portOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
