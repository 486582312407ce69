package com.dousheng.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The client's side of the contract: plain HTTP against the gateway, JSON answers. */
public final class Api {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Api() {
    }

    /** Query parameters in the order given; values are URL-encoded. */
    public static Map<String, Object> params(Object... keysAndValues) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            params.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return params;
    }

    public static JsonNode get(String path, Map<String, Object> query) {
        return send(HttpRequest.newBuilder(uri(path, query)).GET(), Map.of());
    }

    public static JsonNode post(String path, Map<String, Object> query) {
        return send(HttpRequest.newBuilder(uri(path, query)).POST(HttpRequest.BodyPublishers.noBody()), Map.of());
    }

    public static JsonNode send(HttpRequest.Builder request, Map<String, String> headers) {
        headers.forEach(request::header);
        HttpResponse<String> response = exchange(request.timeout(Duration.ofSeconds(30)).build());
        if (response.statusCode() != 200) {
            throw new AssertionError("HTTP " + response.statusCode() + " for " + response.uri() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    public static HttpResponse<String> exchange(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public static HttpResponse<byte[]> download(String url, String range) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (range != null) {
            request.header("Range", range);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AssertionError("download failed: " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The publish action as the client sends it: multipart parts data, token, title. */
    public static JsonNode upload(String token, String title, byte[] video) {
        String boundary = "----dousheng" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writePart(body, boundary, "token", null, token.getBytes(StandardCharsets.UTF_8));
        writePart(body, boundary, "title", null, title.getBytes(StandardCharsets.UTF_8));
        writePart(body, boundary, "data", "clip.mp4", video);
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(uri("/douyin/publish/action/", Map.of()))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), Map.of());
    }

    private static void writePart(ByteArrayOutputStream out, String boundary, String name, String filename,
                                  byte[] content) {
        StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append('"');
        if (filename != null) {
            head.append("; filename=\"").append(filename).append("\"\r\nContent-Type: video/mp4");
        }
        head.append("\r\n\r\n");
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }

    public static URI uri(String path, Map<String, Object> query) {
        return uri(Suite.GATEWAY, path, query);
    }

    /** The same request against another base URL, e.g. one service instance read directly. */
    public static URI uri(String baseUrl, String path, Map<String, Object> query) {
        String q = query.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(String.valueOf(e.getValue()), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return URI.create(baseUrl + path + (q.isEmpty() ? "" : "?" + q));
    }

    /** Every field of the contract's User object. */
    public static final List<String> USER_FIELDS = List.of("id", "name", "follow_count", "follower_count",
            "is_follow", "avatar", "background_image", "signature", "total_favorited", "work_count", "favorite_count");

    /** A User object with every field, describing {@code expected}. */
    public static void assertFullUser(JsonNode user, Session expected) {
        for (String field : USER_FIELDS) {
            assertThat(user.has(field)).as("User.%s present in %s", field, user).isTrue();
        }
        assertThat(user.get("id").asLong()).isEqualTo(expected.userId());
        assertThat(user.get("name").asString()).isEqualTo(expected.name());
        assertThat(user.get("avatar").asString()).startsWith("http");
    }

    /** Registers a fresh user and returns its id and token. */
    public static Session register(String prefix) {
        return register(prefix, Api::post);
    }

    /** The same, sending the request with {@code post} (Client's, to record it). */
    static Session register(String prefix, BiFunction<String, Map<String, Object>, JsonNode> post) {
        String name = prefix + Long.toString(System.nanoTime() % 100_000_000L, 36);
        JsonNode answer = post.apply("/douyin/user/register/", params("username", name, "password", "secret123"));
        if (answer.get("status_code").asInt() != 0) {
            throw new AssertionError("register failed: " + answer);
        }
        return new Session(answer.get("user_id").asLong(), answer.get("token").asString(), name);
    }

    public record Session(long userId, String token, String name) {
    }
}
