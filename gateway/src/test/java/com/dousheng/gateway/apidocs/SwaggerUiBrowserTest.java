package com.dousheng.gateway.apidocs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.dousheng.gateway.auth.AccessPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.FileSystemUtils;
import org.yaml.snakeyaml.Yaml;

/**
 * The real gateway's Swagger UI in Debian's headless Chromium: the page the browser rendered with JavaScript lists
 * every operation of the contract, which are the 16 endpoints of the gateway's access policy (plus media).
 */
// Selenium warns that it has no CDP binding for the newest Chromium: the test speaks WebDriver only, not CDP
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "logging.level.org.openqa.selenium.devtools=error", "logging.level.org.openqa.selenium.chromium=error"})
@ActiveProfiles("it")
class SwaggerUiBrowserTest {
    private static final Path CHROMIUM =
            Path.of(System.getenv().getOrDefault("DOUSHENG_CHROMIUM", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER =
            Path.of(System.getenv().getOrDefault("DOUSHENG_CHROMEDRIVER", "/usr/bin/chromedriver"));
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch");

    @LocalServerPort
    int port;

    @Test
    void swaggerUiRendersEveryOperationOfTheContract() throws IOException {
        Set<String> expected = contractOperations();
        Set<String> endpoints = expected.stream().filter(op -> op.contains(" /douyin/"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(endpoints).hasSize(16)
                .allSatisfy(op -> assertThat(AccessPolicy.isEndpoint(op.substring(op.indexOf(' ') + 1)))
                        .as("%s is an endpoint of the gateway's access policy", op).isTrue());

        Set<String> rendered = withBrowser(browser -> {
            browser.get("http://127.0.0.1:" + port + "/swagger-ui.html");
            // Swagger UI fetches its config and the spec, then renders one .opblock per operation
            new WebDriverWait(browser, Duration.ofSeconds(90)).until(page ->
                    !page.findElements(By.cssSelector(".opblock")).isEmpty()
                            || !page.findElements(By.cssSelector(".errors-wrapper, .loading-container .errors"))
                            .isEmpty());
            assertThat(browser.findElements(By.cssSelector(".errors-wrapper")))
                    .as("Swagger UI reported errors: %s", browser.findElements(By.cssSelector(".errors-wrapper"))
                            .stream().map(WebElement::getText).toList())
                    .isEmpty();
            assertThat(browser.findElement(By.cssSelector(".info .title")).getText())
                    .startsWith((String) ((Map<?, ?>) contract().get("info")).get("title"));
            return browser.findElements(By.cssSelector(".opblock")).stream()
                    .map(SwaggerUiBrowserTest::operation)
                    .collect(Collectors.toCollection(TreeSet::new));
        });
        assertThat(rendered).isEqualTo(expected);
    }

    @Test
    void theSpecIsTheContractAsItIsWithoutAToken() throws IOException {
        byte[] contract;
        try (InputStream in = new ClassPathResource(ApiDocsConfiguration.SPEC_RESOURCE).getInputStream()) {
            contract = in.readAllBytes();
        }
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        client.get().uri(ApiDocsConfiguration.SPEC_PATH).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType("application/yaml;charset=UTF-8")
                .expectBody(byte[].class).isEqualTo(contract);
        // the UI is configured with the contract's URL, not a spec generated from the gateway's code
        client.get().uri("/api-docs/swagger-config").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.url").isEqualTo(ApiDocsConfiguration.SPEC_PATH);
        client.get().uri("/api-docs").exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.status_code").isEqualTo(1005);
    }

    /** "METHOD /path" as the rendered operation block shows it. */
    private static String operation(WebElement block) {
        String method = block.findElement(By.cssSelector(".opblock-summary-method")).getText().trim();
        WebElement path = block.findElement(By.cssSelector(".opblock-summary-path"));
        String shown = path.getDomAttribute("data-path");
        if (shown == null || shown.isEmpty()) {
            shown = path.getText();
        }
        // Swagger UI puts zero-width spaces in long paths so that they can wrap
        return method.toUpperCase() + " " + shown.replace("\u200b", "").trim();
    }

    private static Set<String> contractOperations() throws IOException {
        Map<?, ?> paths = (Map<?, ?>) contract().get("paths");
        Set<String> operations = new TreeSet<>();
        paths.forEach((path, item) -> ((Map<?, ?>) item).keySet().stream()
                .map(String::valueOf).filter(HTTP_METHODS::contains)
                .forEach(method -> operations.add(method.toUpperCase() + " " + path)));
        return operations;
    }

    private static Map<String, Object> contract() {
        try (InputStream in = new ClassPathResource(ApiDocsConfiguration.SPEC_RESOURCE).getInputStream()) {
            return new Yaml().load(in);
        } catch (IOException e) {
            throw new IllegalStateException("the build copies docs/api/openapi.yaml to the classpath", e);
        }
    }

    private interface BrowserSession<T> {
        T run(WebDriver browser) throws IOException;
    }

    /** Debian's Chromium through its chromedriver, both given by path, so that Selenium Manager never downloads. */
    private static <T> T withBrowser(BrowserSession<T> session) throws IOException {
        for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(binary)) {
                fail(binary + " is missing: the browser test needs Debian's Chromium and its driver; install them with"
                        + " `bash deploy/infra.sh ensure-test` (or `apt-get install -y chromium chromium-driver`), or point"
                        + " DOUSHENG_CHROMIUM and DOUSHENG_CHROMEDRIVER at a Chromium and a matching chromedriver");
            }
        }
        Path profile = Files.createTempDirectory("dousheng-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        WebDriver browser = new ChromeDriver(service, options);
        try {
            return session.run(browser);
        } finally {
            browser.quit();
            service.stop();
            FileSystemUtils.deleteRecursively(profile);
        }
    }
}
