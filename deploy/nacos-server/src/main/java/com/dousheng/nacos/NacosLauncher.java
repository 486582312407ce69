package com.dousheng.nacos;

import com.alibaba.nacos.NacosServerBasicApplication;
import com.alibaba.nacos.NacosServerWebApplication;
import com.alibaba.nacos.core.listener.startup.NacosStartUp;
import com.alibaba.nacos.core.listener.startup.NacosStartUpManager;
import com.alibaba.nacos.sys.env.DeploymentType;
import com.alibaba.nacos.sys.env.EnvUtil;
import com.alipay.sofa.jraft.storage.impl.RocksDBLogStorage;
import com.alipay.sofa.jraft.util.StorageOptionsFactory;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jmx.support.MBeanRegistrationSupport;
import org.springframework.jmx.support.RegistrationPolicy;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Starts a standalone Nacos 3.1 server (naming + config, embedded Derby, no console) from the
 * {@code io.github.pig-mesh.nacos:nacos-server} artifacts on the plain classpath.
 *
 * <p>It does what Nacos 3's own {@code com.alibaba.nacos.bootstrap.NacosBootstrap} does for
 * {@code nacos.deployment.type=server} (that module is not published to Maven Central):
 * <ol>
 *   <li>{@code NacosStartUpManager.start(CORE_START_UP_PHASE)}, then {@link NacosServerBasicApplication}
 *       as a non-web context (the "core" context);</li>
 *   <li>set every {@link MBeanRegistrationSupport} of the core context to
 *       {@link RegistrationPolicy#IGNORE_EXISTING}, otherwise the child context fails on a duplicate
 *       JMX bean when JMX is on;</li>
 *   <li>{@code NacosStartUpManager.start(WEB_START_UP_PHASE)}, then {@link NacosServerWebApplication}
 *       as a child of the core context (Tomcat on {@code server.port}, gRPC on port + 1000).</li>
 * </ol>
 * Before that it registers smaller RocksDB options for JRaft's log storage (see
 * {@link #shrinkRaftLogStorage()}), which saves about 120 MB of resident memory.
 *
 * <p>Configuration. Nacos reads its {@code application.properties} from
 * {@code spring.config.additional-location} (the official start script points it at
 * {@code ${nacos.home}/conf/}); there is none on this classpath, so the launcher writes
 * {@code ${nacos.home}/conf/application.properties} from {@link #defaults(Path, int, String, boolean)} on every start
 * and points {@code spring.config.additional-location} there. Anything given as a JVM
 * {@code -Dkey=value} or a {@code --key=value} argument wins over that file.
 *
 * <ul>
 *   <li>{@code nacos.home}: system property, else env {@code NACOS_HOME}, else {@code ./.run/nacos};</li>
 *   <li>HTTP port: system property {@code nacos.server.main.port}, else env {@code NACOS_PORT},
 *       else 8848. Derived ports: gRPC client {@code +1000} (9848), gRPC cluster {@code +1001} (9849),
 *       JRaft {@code -1000} (7848).</li>
 *   <li>Address of all four ports: env {@code NACOS_BIND_ADDRESS}, else 127.0.0.1 (loopback only: the registry
 *       decides where every request goes, so nobody but the applications may reach it).</li>
 *   <li>Authentication: on unless env {@code NACOS_AUTH_ENABLE=false}. Its keys come from the environment
 *       only, under the official image's names ({@code NACOS_AUTH_TOKEN}, {@code NACOS_AUTH_IDENTITY_KEY},
 *       {@code NACOS_AUTH_IDENTITY_VALUE}), and are set as system properties, never written to the file.</li>
 * </ul>
 */
public final class NacosLauncher {

    /** Printed on stdout once both contexts are up; scripts and tests may wait for it. */
    public static final String READY_MARKER = "NACOS-LAUNCHER-READY";

    private static final String DEFAULT_PORT = "8848";

    /** JRaft refuses a second registration of the same options class. */
    private static boolean raftTuned;

    private NacosLauncher() {
    }

    public static void main(String[] args) {
        long begin = System.currentTimeMillis();
        try {
            ConfigurableApplicationContext web = start(args);
            int port = web.getEnvironment().getProperty("server.port", Integer.class, -1);
            System.out.printf("%s port=%d grpcPort=%d contextPath=%s home=%s startupMs=%d%n",
                    READY_MARKER, port, port + 1000,
                    web.getEnvironment().getProperty("server.servlet.contextPath"),
                    EnvUtil.getNacosHome(), System.currentTimeMillis() - begin);
        } catch (Throwable e) {
            System.err.println("Nacos failed to start: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    /**
     * Starts core and web contexts and returns the web (child) context. Closing it and then its
     * parent stops the server; the JVM shutdown hooks do this on SIGTERM.
     */
    public static ConfigurableApplicationContext start(String[] args) throws IOException {
        Path home = Paths.get(firstNonBlank(System.getProperty("nacos.home"), System.getenv("NACOS_HOME"),
                ".run/nacos")).toAbsolutePath().normalize();
        int port = Integer.parseInt(firstNonBlank(System.getProperty("nacos.server.main.port"),
                System.getenv("NACOS_PORT"), DEFAULT_PORT).trim());

        // Read through System.getProperty by Nacos itself (EnvUtil, start-up hooks), before any context exists.
        setIfAbsent("nacos.home", home.toString());
        setIfAbsent("nacos.standalone", "true");
        setIfAbsent("nacos.deployment.type", "server");
        setIfAbsent("nacos.server.main.port", String.valueOf(port));
        String bind = firstNonBlank(System.getenv("NACOS_BIND_ADDRESS"), "127.0.0.1").trim();
        // read through System.getProperty by BaseGrpcServer (client and cluster gRPC)
        setIfAbsent("nacos.remote.grpc.listen.ip", bind);
        BoundServerProvider.register(bind);
        setAuthKeysFromEnvironment();
        // the config module's embedded Derby writes derby.log into the working directory otherwise
        setIfAbsent("derby.stream.error.file", home.resolve("logs").resolve("derby.log").toString());

        Path conf = home.resolve("conf");
        Files.createDirectories(conf);
        Files.createDirectories(home.resolve("logs"));
        writeProperties(conf.resolve("application.properties"), defaults(home, port, bind,
                !"false".equalsIgnoreCase(System.getenv("NACOS_AUTH_ENABLE"))));
        setIfAbsent("spring.config.additional-location", "file:" + conf + "/");

        DeploymentType type = DeploymentType.getType(System.getProperty("nacos.deployment.type"));
        if (type != DeploymentType.SERVER) {
            // the console lives in nacos-console (not on this classpath) and defaults to port 8080,
            // which our gateway needs
            throw new IllegalArgumentException("only nacos.deployment.type=server is supported, got " + type);
        }
        EnvUtil.setDeploymentType(type);

        shrinkRaftLogStorage();
        NacosStartUpManager.start(NacosStartUp.CORE_START_UP_PHASE);
        ConfigurableApplicationContext core = new SpringApplicationBuilder(NacosServerBasicApplication.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .run(args);
        core.getBeansOfType(MBeanRegistrationSupport.class)
                .values()
                .forEach(exporter -> exporter.setRegistrationPolicy(RegistrationPolicy.IGNORE_EXISTING));

        NacosStartUpManager.start(NacosStartUp.WEB_START_UP_PHASE);
        return new SpringApplicationBuilder(NacosServerWebApplication.class)
                .parent(core)
                .bannerMode(Banner.Mode.OFF)
                .run(args);
    }

    /** The application.properties written to {@code ${nacos.home}/conf/} on each start. */
    static Map<String, String> defaults(Path home, int port, String bind, boolean auth) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("nacos.server.main.port", String.valueOf(port));
        p.put("server.port", String.valueOf(port));
        p.put("server.address", bind);
        if (!isWildcard(bind)) {
            // this server's own member address (and so JRaft's endpoint), otherwise the first non-loopback one
            p.put("nacos.inetutils.ip-address", bind);
        }
        p.put("nacos.server.contextPath", "/nacos");
        p.put("server.servlet.contextPath", "/nacos");
        p.put("nacos.standalone", "true");
        p.put("nacos.deployment.type", "server");
        // Embedded Derby: no spring.sql.init.platform and no db.* keys; Nacos manages the data source itself.
        p.put("spring.sql.init.mode", "never");
        p.put("spring.autoconfigure.exclude",
                "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration,"
                        + "org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration,"
                        + "org.springframework.boot.autoconfigure.ldap.LdapAutoConfiguration");
        // Micrometer registries on the classpath would otherwise push to localhost:9200 / :8086.
        p.put("management.elastic.metrics.export.enabled", "false");
        p.put("management.influx.metrics.export.enabled", "false");
        p.put("nacos.istio.mcp.server.enabled", "false");
        p.put("nacos.k8s.sync.enabled", "false");
        p.put("nacos.ai.mcp.registry.enabled", "false");
        // Every client API call needs an access token (the applications log in with NACOS_USERNAME/PASSWORD);
        // the keys are system properties set by setAuthKeysFromEnvironment().
        p.put("nacos.core.auth.system.type", "nacos");
        p.put("nacos.core.auth.enabled", String.valueOf(auth));
        p.put("nacos.core.auth.admin.enabled", String.valueOf(auth));
        p.put("nacos.core.auth.console.enabled", String.valueOf(auth));
        p.put("nacos.core.auth.caching.enabled", "true");
        p.put("nacos.core.auth.plugin.nacos.token.cache.enable", "false");
        p.put("nacos.core.auth.plugin.nacos.token.expire.seconds", "18000");
        p.put("nacos.security.ignore.urls", "/,/error,/**/*.css,/**/*.js,/**/*.html,/**/*.map,/**/*.svg,"
                + "/**/*.png,/**/*.ico,/console-ui/public/**,/v1/auth/**,/v1/console/health/**,/actuator/**,"
                + "/v1/console/server/**");
        // Small footprint: thread pools are sized from this instead of the host's core count.
        p.put("nacos.core.sys.basic.processors", "2");
        p.put("server.tomcat.basedir", home.resolve("tomcat").toString());
        p.put("server.tomcat.accesslog.enabled", "false");
        p.put("server.tomcat.threads.max", "50");
        p.put("server.error.include-message", "ALWAYS");
        p.put("nacos.config.push.maxRetryTime", "50");
        p.put("nacos.naming.empty-service.auto-clean", "true");
        p.put("nacos.naming.empty-service.clean.initial-delay-ms", "50000");
        p.put("nacos.naming.empty-service.clean.period-time-ms", "30000");
        return p;
    }

    /**
     * Nacos keeps its persistent naming data in JRaft groups even in standalone mode (four of them:
     * naming_persistent_service(_v2), naming_instance_metadata, naming_service_metadata), each with a
     * RocksDB log store whose JRaft defaults are sized for production (64 MB+ memtables, level-style
     * compaction tuned for a 512 MB budget). For a local registry with a few dozen entries that is
     * about 120 MB of resident native memory for nothing; small memtables and block caches bring the
     * whole process from ~450 MB to ~320 MB RSS. Registered before the core context creates the
     * stores; {@code -Dnacos.launcher.raft.tuning=false} keeps JRaft's defaults.
     */
    private static synchronized void shrinkRaftLogStorage() {
        if (raftTuned || !Boolean.parseBoolean(System.getProperty("nacos.launcher.raft.tuning", "true"))) {
            return;
        }
        raftTuned = true;
        RocksDB.loadLibrary();
        ColumnFamilyOptions cf = StorageOptionsFactory.getDefaultRocksDBColumnFamilyOptions()
                .setWriteBufferSize(4L << 20)
                .setMaxWriteBufferNumber(2)
                .setMinWriteBufferNumberToMerge(1)
                .setTargetFileSizeBase(4L << 20)
                .setMaxBytesForLevelBase(32L << 20);
        StorageOptionsFactory.registerRocksDBColumnFamilyOptions(RocksDBLogStorage.class, cf);
        BlockBasedTableConfig table = StorageOptionsFactory.getDefaultRocksDBTableConfig()
                .setBlockCache(new LRUCache(1L << 20));
        StorageOptionsFactory.registerRocksDBTableFormatConfig(RocksDBLogStorage.class, table);
    }

    /** The server's secrets, from the environment under the official image's names; Nacos 3 needs them even without auth. */
    private static void setAuthKeysFromEnvironment() {
        Map<String, String> keys = Map.of(
                "NACOS_AUTH_TOKEN", "nacos.core.auth.plugin.nacos.token.secret.key",
                "NACOS_AUTH_IDENTITY_KEY", "nacos.core.auth.server.identity.key",
                "NACOS_AUTH_IDENTITY_VALUE", "nacos.core.auth.server.identity.value");
        keys.forEach((variable, property) -> {
            String value = System.getenv(variable);
            if (value == null || value.isBlank()) {
                if (System.getProperty(property) == null) {
                    throw new IllegalStateException(variable + " is not set (deploy/nacos.sh generates it into .run/)");
                }
            } else {
                setIfAbsent(property, value.trim());
            }
        });
    }

    private static boolean isWildcard(String address) {
        return address.equals("0.0.0.0") || address.equals("::") || address.equals("[::]");
    }

    private static void writeProperties(Path file, Map<String, String> props) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.ISO_8859_1)) {
            w.write("# Written by com.dousheng.nacos.NacosLauncher on every start; edits are overwritten.\n");
            w.write("# Override with -Dkey=value (JAVA_OPTS in deploy/nacos.sh) or --key=value arguments.\n");
            for (Map.Entry<String, String> e : props.entrySet()) {
                w.write(e.getKey() + "=" + e.getValue().replace("\\", "\\\\") + "\n");
            }
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
