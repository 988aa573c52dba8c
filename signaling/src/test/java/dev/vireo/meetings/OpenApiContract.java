package dev.vireo.meetings;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * docs/openapi.yaml as a test oracle: the JSON schema of a path's response for a status, checked with networknt's
 * JSON Schema 2020-12 validator (the dialect of OpenAPI 3.1), formats asserted.
 */
final class OpenApiContract {
    static final Path FILE = locate();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final java.util.Map<String, JsonSchema> schemas = new java.util.concurrent.ConcurrentHashMap<>();
    private final JsonNode document;

    OpenApiContract() {
        try {
            document = new ObjectMapper(new YAMLFactory()).readTree(FILE.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertTrue(document.path("openapi").asText().startsWith("3.1"), "an OpenAPI 3.1 document");
    }

    /** Fails unless {@code body} matches the documented JSON schema of {@code path}/{@code method}/{@code status}. */
    void check(String pathTemplate, String method, int status, String body) {
        JsonSchema schema = schemas.computeIfAbsent(method + " " + pathTemplate + " " + status,
                k -> schema(pathTemplate, method, status));
        JsonNode instance;
        try {
            instance = JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
        assertNotNull(instance);
        Set<ValidationMessage> problems = schema.validate(instance);
        assertTrue(problems.isEmpty(), method + " " + pathTemplate + " " + status + " breaks the contract: " + problems
                + "\n" + body);
    }

    private JsonSchema schema(String pathTemplate, String method, int status) {
        JsonNode response = document.path("paths").path(pathTemplate).path(method.toLowerCase(Locale.ROOT))
                .path("responses").path(Integer.toString(status));
        assertTrue(!response.isMissingNode(), method + " " + pathTemplate + " does not document status " + status);
        if (response.has("$ref")) {
            String name = response.get("$ref").asText().replace("#/components/responses/", "");
            response = document.path("components").path("responses").path(name);
        }
        JsonNode schemaNode = response.path("content").path("application/json").path("schema");
        assertTrue(!schemaNode.isMissingNode(), method + " " + pathTemplate + " " + status + " has no JSON schema");
        ObjectNode wrapper = JSON.createObjectNode();
        wrapper.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        wrapper.setAll((ObjectNode) schemaNode.deepCopy());
        wrapper.set("components", document.get("components"));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        return FACTORY.getSchema(wrapper, config);
    }

    private static Path locate() {
        for (Path p : new Path[] {Path.of("docs/openapi.yaml"), Path.of("../docs/openapi.yaml")}) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalStateException("docs/openapi.yaml not found from " + Path.of("").toAbsolutePath());
    }
}
