package com.dousheng.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

/**
 * The shared {@code openapi.yaml} as the judge of what the client receives: a small walker over its schemas
 * ({@code $ref}, {@code allOf}, object/array/integer/string/boolean, {@code required}, {@code enum}, {@code pattern},
 * {@code maxItems}, {@code format} int32/int64/uri) that lists every mismatch with its JSON path.
 *
 * <p>Beyond the schema it applies the contract's prose: on a success every declared field is present (API.md 2:
 * "All fields ... should always be present"), no value is {@code null}, and the viewer-relative rules hold
 * ({@code User.is_follow} false for an anonymous viewer and for the viewer's own user, {@code Video.is_favorite}
 * false for an anonymous viewer).
 */
final class OpenApiContract {
    /** The project's own contract; the tests run with the repository root as cwd. */
    static final Path LOCATION = Path.of("docs/api/openapi.yaml");
    private static final String SCHEMAS = "#/components/schemas/";

    private final Map<String, Object> spec;

    private OpenApiContract(Map<String, Object> spec) {
        this.spec = spec;
    }

    static OpenApiContract load() {
        Path file = LOCATION.toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("the API contract is missing: expected " + file
                    + " (docs/api/openapi.yaml relative to the repository root)");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return new OpenApiContract(new Yaml().load(in));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** operationId of every path and method whose 200 answer is JSON: the 16 camp endpoints. */
    Map<String, String> jsonOperations() {
        Map<String, String> operations = new LinkedHashMap<>();
        map(spec, "paths").forEach((path, item) -> map(item).forEach((method, operation) -> {
            if (jsonSchema(map(operation)) != null) {
                operations.put(method.toUpperCase(Locale.ROOT) + " " + path, (String) map(operation).get("operationId"));
            }
        }));
        return operations;
    }

    /** The schema of the 200 JSON answer of an operation. */
    Object responseSchema(String operationId) {
        return jsonSchema(operation(operationId));
    }

    /** Media types the contract lists for the static file route. */
    List<String> staticContentTypes() {
        return new ArrayList<>(map(map(map(operation("staticFile"), "responses"), "200"), "content").keySet());
    }

    private Map<String, Object> operation(String operationId) {
        for (Object item : map(spec, "paths").values()) {
            for (Object operation : map(item).values()) {
                if (operationId.equals(map(operation).get("operationId"))) {
                    return map(operation);
                }
            }
        }
        throw new AssertionError("no operation " + operationId + " in the contract");
    }

    static Object ref(String schemaName) {
        return Map.of("$ref", SCHEMAS + schemaName);
    }

    /**
     * Every mismatch of {@code node} against {@code schema}. {@code strict}: declared fields that are not required
     * must be present too (a success answer). {@code viewerId}: who asked (null when anonymous).
     */
    List<String> check(Object schema, JsonNode node, boolean strict, Long viewerId) {
        List<String> errors = new ArrayList<>();
        walk(schema, node, "$", strict, viewerId, errors);
        return errors;
    }

    private void walk(Object schemaObject, JsonNode node, String at, boolean strict, Long viewerId,
                      List<String> errors) {
        Map<String, Object> schema = map(schemaObject);
        Object ref = schema.get("$ref");
        if (ref != null) {
            String name = ((String) ref).substring(SCHEMAS.length());
            walk(map(map(map(spec, "components"), "schemas"), name), node, at, strict, viewerId, errors);
            viewerRules(name, node, at, viewerId, errors);
            return;
        }
        if (schema.containsKey("allOf")) {
            for (Object part : (List<?>) schema.get("allOf")) {
                walk(part, node, at, strict, viewerId, errors);
            }
        }
        String type = (String) schema.get("type");
        if (type == null && schema.containsKey("properties")) {
            type = "object";
        }
        if (type != null && !typeMatches(type, schema, node, at, errors)) {
            return;
        }
        if (schema.containsKey("enum") && ((List<?>) schema.get("enum")).stream()
                .noneMatch(value -> String.valueOf(value).equals(node.asString()))) {
            errors.add(at + ": " + show(node) + " is not one of " + schema.get("enum"));
        }
        if ("object".equals(type)) {
            List<?> required = schema.containsKey("required") ? (List<?>) schema.get("required") : List.of();
            Map<String, Object> properties = schema.containsKey("properties") ? map(schema, "properties") : Map.of();
            for (Object name : required) {
                if (!properties.containsKey(name) && !node.has((String) name)) {
                    errors.add(at + "." + name + ": required field missing");
                }
            }
            properties.forEach((name, propertySchema) -> {
                JsonNode value = node.get(name);
                if (value == null || value.isMissingNode()) {
                    if (required.contains(name)) {
                        errors.add(at + "." + name + ": required field missing");
                    } else if (strict) {
                        errors.add(at + "." + name + ": missing (API.md 2: every field is always present)");
                    }
                } else if (value.isNull()) {
                    errors.add(at + "." + name + ": null (the contract declares no nullable field)");
                } else {
                    walk(propertySchema, value, at + "." + name, strict, viewerId, errors);
                }
            });
        } else if ("array".equals(type)) {
            if (schema.containsKey("maxItems") && node.size() > ((Number) schema.get("maxItems")).intValue()) {
                errors.add(at + ": " + node.size() + " items, at most " + schema.get("maxItems") + " allowed");
            }
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                if (item.isNull()) {
                    errors.add(at + "[" + i + "]: null item");
                } else {
                    walk(schema.get("items"), item, at + "[" + i + "]", strict, viewerId, errors);
                }
            }
        }
    }

    private static boolean typeMatches(String type, Map<String, Object> schema, JsonNode node, String at,
                                       List<String> errors) {
        boolean ok;
        switch (type) {
            case "object":
                ok = node.isObject();
                break;
            case "array":
                ok = node.isArray();
                break;
            case "boolean":
                ok = node.isBoolean();
                break;
            case "number":
                ok = node.isNumber();
                break;
            case "integer":
                ok = node.isIntegralNumber();
                if (ok && "int32".equals(schema.get("format")) && !node.canConvertToInt()) {
                    errors.add(at + ": " + show(node) + " does not fit int32");
                } else if (ok && "int64".equals(schema.get("format")) && !node.canConvertToLong()) {
                    errors.add(at + ": " + show(node) + " does not fit int64");
                }
                break;
            case "string":
                ok = node.isString();
                if (ok) {
                    stringRules(schema, node.asString(), at, errors);
                }
                break;
            default:
                throw new AssertionError("the walker does not know type " + type + " (at " + at + ")");
        }
        if (!ok) {
            errors.add(at + ": expected " + type + ", got " + kind(node) + " " + show(node));
        }
        return ok;
    }

    private static void stringRules(Map<String, Object> schema, String value, String at, List<String> errors) {
        Object pattern = schema.get("pattern");
        if (pattern != null && !Pattern.compile((String) pattern).matcher(value).find()) {
            errors.add(at + ": \"" + value + "\" does not match " + pattern);
        }
        if ("uri".equals(schema.get("format"))) {
            try {
                URI uri = URI.create(value);
                if (!uri.isAbsolute() || uri.getHost() == null
                        || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                    errors.add(at + ": \"" + value + "\" is not an absolute http(s) URL");
                }
            } catch (IllegalArgumentException e) {
                errors.add(at + ": \"" + value + "\" is not a URI");
            }
        }
        if (schema.containsKey("maxLength") && value.length() > ((Number) schema.get("maxLength")).intValue()) {
            errors.add(at + ": longer than " + schema.get("maxLength"));
        }
    }

    /** API.md 2.1/2.2 and 5: values that depend on who asks. */
    private static void viewerRules(String schemaName, JsonNode node, String at, Long viewerId, List<String> errors) {
        if (!node.isObject()) {
            return;
        }
        if (schemaName.equals("User") && node.path("is_follow").isBoolean() && node.path("is_follow").asBoolean()) {
            if (viewerId == null) {
                errors.add(at + ".is_follow: true for an anonymous viewer");
            } else if (node.path("id").asLong() == viewerId) {
                errors.add(at + ".is_follow: true on the viewer's own user " + viewerId);
            }
        }
        if (schemaName.equals("Video") && viewerId == null && node.path("is_favorite").isBoolean()
                && node.path("is_favorite").asBoolean()) {
            errors.add(at + ".is_favorite: true for an anonymous viewer");
        }
    }

    private static String kind(JsonNode node) {
        if (node.isString()) {
            return "string";
        }
        if (node.isIntegralNumber()) {
            return "integer";
        }
        if (node.isNumber()) {
            return "number";
        }
        if (node.isBoolean()) {
            return "boolean";
        }
        if (node.isArray()) {
            return "array";
        }
        if (node.isObject()) {
            return "object";
        }
        return node.getNodeType().toString().toLowerCase(Locale.ROOT);
    }

    private static String show(JsonNode node) {
        String text = node.toString();
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }

    private static Object jsonSchema(Map<String, Object> operation) {
        Object responses = operation.get("responses");
        if (responses == null) {
            return null;
        }
        Object ok = map(responses).get("200");
        Object content = ok == null ? null : map(ok).get("content");
        Object json = content == null ? null : map(content).get("application/json");
        return json == null ? null : map(json).get("schema");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map ? (Map<String, Object>) value : Map.of();
    }

    private static Map<String, Object> map(Object value, String key) {
        return map(map(value).get(key));
    }
}
