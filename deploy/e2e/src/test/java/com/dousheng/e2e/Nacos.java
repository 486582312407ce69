package com.dousheng.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The suite's Nacos, which refuses anonymous calls: read as the applications' user (NACOS_USERNAME and
 * NACOS_PASSWORD), configuration changed as the admin (NACOS_ADMIN_PASSWORD), the passwords taken from the
 * environment, else from what deploy/nacos.sh generated into .run/.
 */
final class Nacos {
    static final String GROUP = "DEFAULT_GROUP";
    private static volatile String token;
    private static volatile String adminToken;

    private Nacos() {
    }

    /** The instances of {@code service} Nacos hands out ({@code hosts} of the v1 instance list). */
    static JsonNode instances(String service) {
        HttpResponse<String> list = Api.exchange(authorized("/nacos/v1/ns/instance/list?serviceName=" + service)
                .timeout(Duration.ofSeconds(3)).build());
        if (list.statusCode() != 200) {
            throw new AssertionError("Nacos answered " + list.statusCode() + ": " + list.body());
        }
        return Api.JSON.readTree(list.body()).path("hosts");
    }

    static HttpRequest.Builder authorized(String pathAndQuery) {
        if (token == null) {
            token = login(env("NACOS_USERNAME", "dousheng"), env("NACOS_PASSWORD", runFile("nacos-password")));
        }
        return HttpRequest.newBuilder(URI.create(Suite.NACOS + pathAndQuery)).header("Authorization", "Bearer " + token);
    }

    /** The content of data id {@code dataId}, as the applications read it. */
    static String config(String dataId) {
        HttpResponse<String> answer = Api.exchange(authorized("/nacos/v3/client/cs/config?dataId=" + dataId
                + "&groupName=" + GROUP).build());
        JsonNode data = Api.JSON.readTree(answer.body()).path("data");
        if (answer.statusCode() != 200 || !data.hasNonNull("content")) {
            throw new AssertionError("data id " + dataId + ": " + answer.statusCode() + " " + answer.body());
        }
        return data.get("content").asString();
    }

    /** Publishes {@code content} as data id {@code dataId} (YAML), as an operator would. */
    static void publish(String dataId, String content) {
        if (adminToken == null) {
            adminToken = login("nacos", env("NACOS_ADMIN_PASSWORD", runFile("nacos-admin-password")));
        }
        HttpResponse<String> answer = Api.exchange(HttpRequest.newBuilder(URI.create(Suite.NACOS
                        + "/nacos/v3/admin/cs/config"))
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("dataId", dataId, "groupName", GROUP,
                        "type", "yaml", "content", content))))
                .build());
        if (answer.statusCode() != 200 || Api.JSON.readTree(answer.body()).path("code").asInt(-1) != 0) {
            throw new AssertionError("publish " + dataId + ": " + answer.statusCode() + " " + answer.body());
        }
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String login(String username, String password) {
        HttpResponse<String> login = Api.exchange(HttpRequest.newBuilder(URI.create(Suite.NACOS
                        + "/nacos/v3/auth/user/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username, "password", password))))
                .build());
        JsonNode body = Api.JSON.readTree(login.body());
        if (!body.hasNonNull("accessToken")) {
            throw new AssertionError("cannot log in to Nacos as " + username + ": " + login.statusCode());
        }
        return body.get("accessToken").asString();
    }

    private static String runFile(String name) {
        try {
            return Files.readString(Suite.ROOT.resolve(".run").resolve(name)).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("deploy/run.sh writes " + name + " into .run/ at start", e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
