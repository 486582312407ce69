package com.dousheng.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Stands in for the services behind the gateway: a real HTTP server that reports what reached it, and a
 * user-service existence API that knows a fixed set of user ids.
 */
final class StubServices {
    static final Set<Long> EXISTING_USERS = Set.of(1L, 2L);

    private final HttpServer server;

    StubServices() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", StubServices::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        String answer;
        if (path.equals("/internal/users/existing")) {
            answer = "[" + Stream.of(body.replaceAll("[\\[\\] ]", "").split(","))
                    .filter(s -> !s.isEmpty()).map(Long::parseLong).filter(EXISTING_USERS::contains)
                    .map(String::valueOf).collect(Collectors.joining(",")) + "]";
        } else {
            answer = "{\"status_code\":0,\"path\":\"" + path + "\""
                    + ",\"user_id\":\"" + header(exchange, "X-Dousheng-User-Id") + "\""
                    + ",\"base_url\":\"" + header(exchange, "X-Dousheng-Base-Url") + "\""
                    + ",\"body\":\"" + body.replace("\"", "'") + "\"}";
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String header(HttpExchange exchange, String name) {
        String value = exchange.getRequestHeaders().getFirst(name);
        return value == null ? "" : value;
    }

    void stop() {
        server.stop(0);
    }
}
