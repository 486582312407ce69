package com.dousheng.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** Counters read from an application's Prometheus endpoint on its management port. */
final class Metrics {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Metrics() {
    }

    /** Public requests ({@code /douyin/**}) an instance served. */
    static long publicRequests(int managementPort) {
        return sum(managementPort, line -> line.startsWith("http_server_requests_seconds_count")
                && line.contains("uri=\"/douyin/"));
    }

    /** Internal requests ({@code /internal/**}, the Feign calls of other services) an instance served. */
    static long internalRequests(int managementPort) {
        return sum(managementPort, line -> line.startsWith("http_server_requests_seconds_count")
                && line.contains("uri=\"/internal/"));
    }

    /** The sum of the samples on the lines {@code line} accepts. */
    static long sum(int managementPort, Predicate<String> line) {
        try {
            HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + managementPort + "/actuator/prometheus")).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return metrics.body().lines().filter(line)
                    .mapToLong(l -> (long) Double.parseDouble(l.substring(l.indexOf('}') + 1).trim().split(" ")[0]))
                    .sum();
        } catch (IOException e) {
            throw new AssertionError("no metrics on management port " + managementPort, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
