package com.dousheng.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A plain clone must build, test and read on its own: no tracked file may point at material beside the
 * repository (the camp's reference folder, the machine's notes), and every relative Markdown link must name a
 * file of the repository.
 * Needs no running suite; surefire runs it from the repository root.
 */
class SelfContainedRepositoryTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().normalize();
    /** Assembled from pieces so that this file does not match itself. */
    private static final List<String> FORBIDDEN = List.of(
            ".." + "/shared", "/work" + "/shared", "shared" + "/api", "STACK" + ".md");
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", "target", ".run", "node_modules");
    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\]\\(([^)\\s#]+)(?:#[^)]*)?\\)");

    @Test
    void noTrackedFileNamesAPlaceOutsideTheRepository() {
        List<Path> files = trackedFiles();
        assertThat(files).as("tracked files under " + ROOT).contains(Path.of("README.md"), Path.of("pom.xml"));
        List<String> offenders = new ArrayList<>();
        for (Path file : files) {
            List<String> lines = textLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                for (String forbidden : FORBIDDEN) {
                    if (line.contains(forbidden)) {
                        offenders.add(file + ":" + (i + 1) + ": names '" + forbidden + "': " + line.strip());
                    }
                }
                if (file.toString().endsWith(".md")) {
                    offenders.addAll(brokenLinks(file, i + 1, line));
                }
            }
        }
        assertThat(offenders).as("references to places outside the repository").isEmpty();
    }

    @Test
    void theCheckFindsWhatItLooksFor() {
        assertThat(brokenLinks(Path.of("docs/architecture.md"), 3, "see [api](../../elsewhere/API.md)"))
                .containsExactly("docs/architecture.md:3: links outside the repository: ../../elsewhere/API.md");
        assertThat(brokenLinks(Path.of("docs/architecture.md"), 4, "[gone](api/no-such-file.md)"))
                .containsExactly("docs/architecture.md:4: links to a missing file: api/no-such-file.md");
        assertThat(brokenLinks(Path.of("docs/architecture.md"), 1, "[a](api/openapi.yaml) [b](../README.md#speed)"))
                .isEmpty();
        assertThat(brokenLinks(Path.of("README.md"), 1, "[spec](https://example.org/../x) [top](#speed)")).isEmpty();
        assertThat(FORBIDDEN).allSatisfy(f -> assertThat("see " + f + " for more").contains(f));
    }

    /** Relative Markdown link targets that resolve above the repository root or to no file. */
    static List<String> brokenLinks(Path file, int lineNumber, String line) {
        List<String> found = new ArrayList<>();
        Matcher m = MARKDOWN_LINK.matcher(line);
        while (m.find()) {
            String target = m.group(1);
            if (target.contains(":") || target.startsWith("/")) {
                continue; // a URL or an absolute path inside a site, not a file of ours
            }
            Path parent = file.getParent() == null ? Path.of("") : file.getParent();
            Path resolved = ROOT.resolve(parent).resolve(target).normalize();
            if (!resolved.startsWith(ROOT)) {
                found.add(file + ":" + lineNumber + ": links outside the repository: " + target);
            } else if (!Files.exists(resolved)) {
                found.add(file + ":" + lineNumber + ": links to a missing file: " + target);
            }
        }
        return found;
    }

    /** What git tracks; a source tree without git (an exported archive) is walked instead. */
    private static List<Path> trackedFiles() {
        try {
            Process git = new ProcessBuilder("git", "ls-files", "-z").directory(ROOT.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = git.getInputStream().readAllBytes();
            if (git.waitFor(60, TimeUnit.SECONDS) && git.exitValue() == 0 && out.length > 0) {
                List<Path> files = new ArrayList<>();
                for (String name : new String(out, StandardCharsets.UTF_8).split("\0")) {
                    if (!name.isEmpty() && Files.isRegularFile(ROOT.resolve(name))) {
                        files.add(Path.of(name));
                    }
                }
                return files;
            }
        } catch (IOException e) {
            // no git on this machine: walk the tree
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> walk = Files.walk(ROOT)) {
            return walk.filter(Files::isRegularFile)
                    .map(ROOT::relativize)
                    .filter(p -> {
                        for (Path part : p) {
                            if (SKIPPED_DIRECTORIES.contains(part.toString())) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file's lines, or none for a binary file (images, jars). */
    private static List<String> textLines(Path file) {
        try {
            return Files.readAllLines(ROOT.resolve(file), StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
