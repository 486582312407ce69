package com.dousheng.common.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.mysql.MySQLContainer;

/**
 * Hands integration tests a real MySQL-compatible database and a real Redis: Testcontainers where a Docker engine
 * answers, otherwise the servers already running on this machine (MariaDB and Redis, as CI has them), named by
 * DOUSHENG_TEST_MYSQL_HOST/PORT/USER/PASSWORD and DOUSHENG_TEST_REDIS_HOST/PORT. Each module gets its own database,
 * recreated once per test JVM, and its own Redis database index, so modules cannot see each other's data.
 */
public final class TestInfrastructure {
    private static final Set<String> PREPARED = new HashSet<>();
    private static Endpoints endpoints;

    private TestInfrastructure() {
    }

    public record Endpoints(String mysqlHost, int mysqlPort, String mysqlUser, String mysqlPassword,
                            String redisHost, int redisPort) {
        public String jdbcUrl(String database) {
            return "jdbc:mysql://" + mysqlHost + ":" + mysqlPort + "/" + database
                    + "?useUnicode=true&characterEncoding=utf8&allowPublicKeyRetrieval=true&useSSL=false";
        }
    }

    public static synchronized Endpoints endpoints() {
        if (endpoints == null) {
            endpoints = dockerAvailable() ? startContainers() : localServers();
        }
        return endpoints;
    }

    /** Registers datasource and Redis properties for a fresh database {@code database} and Redis index. */
    public static void register(DynamicPropertyRegistry registry, String database, int redisDatabase) {
        Endpoints e = endpoints();
        recreateDatabase(e, database);
        registry.add("spring.datasource.url", () -> e.jdbcUrl(database));
        registry.add("spring.datasource.username", e::mysqlUser);
        registry.add("spring.datasource.password", e::mysqlPassword);
        registry.add("spring.data.redis.host", e::redisHost);
        registry.add("spring.data.redis.port", e::redisPort);
        registry.add("spring.data.redis.database", () -> redisDatabase);
    }

    /** Drops and creates {@code database} once per JVM, so a run never sees rows of an earlier run. */
    public static synchronized void recreateDatabase(Endpoints e, String database) {
        if (!database.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("bad database name " + database);
        }
        if (!PREPARED.add(database)) {
            return;
        }
        try (Connection c = DriverManager.getConnection(e.jdbcUrl(""), e.mysqlUser(), e.mysqlPassword());
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS `" + database + "`");
            s.execute("CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot prepare test database " + database + " on "
                    + e.mysqlHost() + ":" + e.mysqlPort() + " (is MariaDB running?)", ex);
        }
    }

    private static boolean dockerAvailable() {
        if ("false".equalsIgnoreCase(System.getenv("DOUSHENG_TEST_USE_DOCKER"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable t) {
            return false;
        }
    }

    @SuppressWarnings("resource") // containers live as long as the test JVM; Ryuk removes them
    private static Endpoints startContainers() {
        MySQLContainer mysql = new MySQLContainer("mysql:8.0").withUsername("root").withPassword("test");
        mysql.start();
        GenericContainer<?> redis = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
        redis.start();
        return new Endpoints(mysql.getHost(), mysql.getMappedPort(3306), "root", "test",
                redis.getHost(), redis.getMappedPort(6379));
    }

    private static Endpoints localServers() {
        return new Endpoints(
                env("DOUSHENG_TEST_MYSQL_HOST", "127.0.0.1"),
                Integer.parseInt(env("DOUSHENG_TEST_MYSQL_PORT", "3306")),
                env("DOUSHENG_TEST_MYSQL_USER", "root"),
                env("DOUSHENG_TEST_MYSQL_PASSWORD", ""),
                env("DOUSHENG_TEST_REDIS_HOST", "127.0.0.1"),
                Integer.parseInt(env("DOUSHENG_TEST_REDIS_PORT", "6379")));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
