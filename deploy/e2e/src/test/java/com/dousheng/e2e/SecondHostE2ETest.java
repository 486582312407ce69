package com.dousheng.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The suite as a second host on the same network sees it: a network namespace joined to this machine by a veth
 * pair (addresses of the test's own /30, nothing else is ever addressed). From there only the gateway's port may
 * answer; the services, every management port and Nacos (HTTP, gRPC, raft) must refuse. Needs root and iproute2
 * (installed with apt-get when {@code ip} is missing), as on CI.
 */
@ExtendWith(Suite.class)
class SecondHostE2ETest {
    /** Every port the suite opens by default (deploy/run.sh, deploy/nacos.sh). */
    static final List<Integer> SUITE_PORTS = List.of(8080, 8081, 8082, 8083, 8084, 8085,
            9080, 9081, 9082, 9083, 9084, 9085, 8848, 9848, 9849, 7848);
    private static final String PREFIX = "dshe2e";
    private static final String HOST_ADDRESS = "10.213.7.1";
    private static final String PEER_ADDRESS = "10.213.7.2";
    /** Unique per run, so that what a crashed run left (removed below anyway) cannot clash. */
    private static final String SUFFIX = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    private static final String NAMESPACE = PREFIX + "-ns-" + SUFFIX;
    private static final String HOST_LINK = PREFIX + "h" + SUFFIX;
    private static final String PEER_LINK = PREFIX + "p" + SUFFIX;

    @BeforeAll
    static void joinSecondHost() throws Exception {
        if (run("sh", "-c", "command -v ip").exit() != 0) {
            must("apt-get", "update", "-qq");
            must("apt-get", "install", "-y", "-qq", "iproute2");
        }
        removeLeftovers();
        must("ip", "netns", "add", NAMESPACE);
        must("ip", "link", "add", HOST_LINK, "type", "veth", "peer", "name", PEER_LINK);
        must("ip", "link", "set", PEER_LINK, "netns", NAMESPACE);
        must("ip", "addr", "add", HOST_ADDRESS + "/30", "dev", HOST_LINK);
        must("ip", "link", "set", HOST_LINK, "up");
        must("ip", "netns", "exec", NAMESPACE, "ip", "addr", "add", PEER_ADDRESS + "/30", "dev", PEER_LINK);
        must("ip", "netns", "exec", NAMESPACE, "ip", "link", "set", PEER_LINK, "up");
        must("ip", "netns", "exec", NAMESPACE, "ip", "link", "set", "lo", "up");
    }

    @AfterAll
    static void leave() throws Exception {
        // deleting the namespace deletes the veth pair with it; the host end is removed too in case it was not moved
        run("ip", "link", "delete", HOST_LINK);
        run("ip", "netns", "delete", NAMESPACE);
    }

    @Test
    void onlyTheGatewayAnswersAnotherHost() throws Exception {
        Result feed = inside("curl", "-s", "-m", "10", "http://" + HOST_ADDRESS + ":8080/douyin/feed/");
        assertThat(feed.exit()).as("curl to the gateway from the second host: %s", feed.output()).isZero();
        JsonNode envelope = Api.JSON.readTree(feed.output());
        assertThat(envelope.get("status_code").asInt()).isZero();
        assertThat(envelope.has("video_list")).isTrue();

        Set<Integer> ports = new TreeSet<>(SUITE_PORTS);
        ports.addAll(portsOfSuiteProcesses());
        ports.remove(8080);
        List<Integer> answered = new ArrayList<>();
        for (int port : ports) {
            if (reachable(port)) {
                answered.add(port);
            }
        }
        assertThat(answered).as("ports of the suite that answer a second host (of %s)", ports).isEmpty();
    }

    @Test
    void theRegistryRefusesAnonymousWrites() {
        List<String> before = addresses(Nacos.instances("user-service"));
        assertThat(before).isNotEmpty();
        String instance = "/nacos/v1/ns/instance?serviceName=user-service&ip=1.2.3.4&port=1";
        HttpResponse<String> post = Api.exchange(HttpRequest.newBuilder(URI.create(Suite.NACOS + instance))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(post.statusCode()).as("anonymous register: %s", post.body()).isIn(401, 403);
        HttpResponse<String> delete = Api.exchange(HttpRequest.newBuilder(URI.create(Suite.NACOS
                + "/nacos/v1/ns/instance?serviceName=user-service&ip=127.0.0.1&port=8081&ephemeral=true"))
                .DELETE().build());
        assertThat(delete.statusCode()).as("anonymous deregister: %s", delete.body()).isIn(401, 403);
        HttpResponse<String> list = Api.exchange(HttpRequest.newBuilder(URI.create(Suite.NACOS
                + "/nacos/v1/ns/instance/list?serviceName=user-service")).build());
        assertThat(list.statusCode()).as("anonymous read").isIn(401, 403);
        assertThat(addresses(Nacos.instances("user-service"))).isEqualTo(before);
    }

    private static List<String> addresses(JsonNode hosts) {
        List<String> addresses = new ArrayList<>();
        hosts.forEach(host -> addresses.add(host.path("ip").asString() + ":" + host.path("port").asInt()));
        return addresses;
    }

    /** A TCP connection from the second host to this machine's end of the veth pair. */
    private static boolean reachable(int port) throws Exception {
        return inside("timeout", "5", "bash", "-c", "exec 3<>/dev/tcp/" + HOST_ADDRESS + "/" + port).exit() == 0;
    }

    /** Whatever else the suite's processes (pid files of deploy/run.sh and deploy/nacos.sh) listen on. */
    private static Set<Integer> portsOfSuiteProcesses() throws IOException {
        Set<Integer> ports = new TreeSet<>();
        int processes = 0;
        try (DirectoryStream<Path> pidFiles = Files.newDirectoryStream(Suite.ROOT.resolve(".run"), "*.pid")) {
            for (Path pidFile : pidFiles) {
                long pid = Long.parseLong(Files.readString(pidFile).trim());
                if (Files.exists(Path.of("/proc", Long.toString(pid)))) {
                    ports.addAll(ListeningSockets.portsOf(pid));
                    processes++;
                }
            }
        }
        assertThat(processes).as("running processes of the suite").isGreaterThanOrEqualTo(7);
        assertThat(ports).containsAll(IntStream.of(8080, 8848, 9081).boxed().toList());
        return ports;
    }

    /** Namespaces and links of earlier runs that died before their clean-up. */
    private static void removeLeftovers() throws Exception {
        for (String line : run("ip", "netns", "list").output().split("\n")) {
            String name = line.split(" ")[0];
            if (name.startsWith(PREFIX + "-ns-")) {
                run("ip", "netns", "delete", name);
            }
        }
        for (String line : run("ip", "-o", "link", "show").output().split("\n")) {
            String[] fields = line.split(":\\s+");
            if (fields.length > 1 && fields[1].startsWith(PREFIX)) {
                run("ip", "link", "delete", fields[1].split("@")[0]);
            }
        }
    }

    private static Result inside(String... command) throws Exception {
        String[] full = new String[command.length + 4];
        full[0] = "ip";
        full[1] = "netns";
        full[2] = "exec";
        full[3] = NAMESPACE;
        System.arraycopy(command, 0, full, 4, command.length);
        return run(full);
    }

    private static void must(String... command) throws Exception {
        Result result = run(command);
        if (result.exit() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + result.output());
        }
    }

    private record Result(int exit, String output) {
    }

    private static Result run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8).strip());
    }
}
