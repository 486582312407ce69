package com.dousheng.e2e;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The client's calls for the flow tests: every JSON answer must come with HTTP 200 and a JSON content type, and is
 * recorded with the route it came from and the viewer who asked, so that {@link OpenApiContract} can judge every
 * object the flows received once they have all run.
 */
final class Client {
    /** One JSON answer as the client received it; {@code viewerId} is null for an anonymous or refused token. */
    record Exchange(String method, String path, String request, Long viewerId, JsonNode body) {
    }

    /** One media download (play_url, cover_url) with the content type it came with. */
    record Download(String url, int status, String contentType) {
    }

    static final List<Exchange> EXCHANGES = java.util.Collections.synchronizedList(new ArrayList<>());
    static final List<Download> DOWNLOADS = java.util.Collections.synchronizedList(new ArrayList<>());
    private static final Map<String, Long> VIEWERS = new ConcurrentHashMap<>();

    private Client() {
    }

    static JsonNode get(String path, Map<String, Object> query) {
        return call("GET", Api.uri(path, query), path, query, HttpRequest.newBuilder(Api.uri(path, query)).GET());
    }

    static JsonNode post(String path, Map<String, Object> query) {
        return call("POST", Api.uri(path, query), path, query,
                HttpRequest.newBuilder(Api.uri(path, query)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** A GET against another base URL (e.g. localhost instead of 127.0.0.1), recorded like the others. */
    static JsonNode getVia(String baseUrl, String path, Map<String, Object> query) {
        URI uri = URI.create(baseUrl + Api.uri(path, query).toString().substring(Suite.GATEWAY.length()));
        return call("GET", uri, path, query, HttpRequest.newBuilder(uri).GET());
    }

    /** The publish action with the client's multipart parts, recorded under the publish route. */
    static JsonNode upload(String token, String title, byte[] video) {
        JsonNode body = Api.upload(token, title, video);
        record("POST", "/douyin/publish/action/", "multipart title=" + title + " data=" + video.length + " bytes",
                VIEWERS.get(token), body);
        return body;
    }

    /** Registers a fresh user (unique name per run) through the recorded client. */
    static Api.Session register(String prefix) {
        return Api.register(prefix, Client::post);
    }

    static HttpResponse<byte[]> download(String url, String range) {
        HttpResponse<byte[]> response = Api.download(url, range);
        DOWNLOADS.add(new Download(url, response.statusCode(),
                response.headers().firstValue("Content-Type").orElse("")));
        return response;
    }

    private static JsonNode call(String method, URI uri, String path, Map<String, Object> query,
                                 HttpRequest.Builder request) {
        HttpResponse<String> response = Api.exchange(request.timeout(java.time.Duration.ofSeconds(30)).build());
        if (response.statusCode() != 200) {
            throw new AssertionError("HTTP " + response.statusCode() + " (the contract answers HTTP 200 always) for "
                    + method + " " + uri + ": " + response.body());
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/json")) {
            throw new AssertionError("Content-Type '" + type + "' instead of application/json for " + method + " "
                    + uri + ": " + response.body());
        }
        JsonNode body = Api.JSON.readTree(response.body());
        if (body.path("status_code").asInt(-1) == 0 && body.path("token").isString() && body.has("user_id")) {
            VIEWERS.put(body.get("token").asString(), body.get("user_id").asLong());
        }
        Object token = query.get("token");
        record(method, path, describe(query), token == null ? null : VIEWERS.get(token.toString()), body);
        return body;
    }

    private static void record(String method, String path, String request, Long viewerId, JsonNode body) {
        EXCHANGES.add(new Exchange(method, path, request, viewerId, body));
    }

    /** The query for messages, tokens shortened to the user they belong to. */
    private static String describe(Map<String, Object> query) {
        return query.entrySet().stream().map(e -> {
            String value = String.valueOf(e.getValue());
            if (e.getKey().equals("token")) {
                Long user = VIEWERS.get(value);
                value = user == null ? "<unknown token>" : "<token of " + user + ">";
            } else if (value.length() > 40) {
                value = value.substring(0, 37) + "...";
            }
            return e.getKey() + "=" + value;
        }).collect(Collectors.joining("&"));
    }
}
