package dev.kintsugi.platform.web;

import com.fasterxml.jackson.databind.JavaType;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI 3.1 description at /v3/api-docs: every operation needs a personal API token as a bearer token
 * (the description itself is served to a token or a web session, never anonymously).
 */
@Configuration
class OpenApiConfiguration {
    static final String BEARER = "personal-api-token";

    @Bean
    OpenAPI kintsugiOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Kintsugi API")
                        .version("v1")
                        .description("Incidents, post-mortems, chaos experiments and insights. Errors are RFC 9457"
                                + " problem details; invalid input names the offending field in `field`. Times are"
                                + " ISO-8601 with an offset. Create a personal API token on your profile page and send"
                                + " it as `Authorization: Bearer <token>`. Every mutable resource answers its"
                                + " `version` and `ETag: \"<version>\"`; send `If-Match: \"<version>\"` with a write"
                                + " to have it refused with 412 (changing nothing) if someone changed the resource"
                                + " since you read it; a write that loses a race with another answers 409.")
                        .license(new License().name("Proprietary").identifier("LicenseRef-Proprietary")))
                .components(new Components()
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("A personal API token (kts_…)")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /**
     * Operation ids a generated client can keep: the method and the controller's subject ({@code declareIncident},
     * {@code createTeam}, {@code transitionPostmortem}) instead of Swagger's numbered {@code create_1}, whose
     * numbers move whenever a controller is added.
     */
    @Bean
    OperationCustomizer stableOperationIds() {
        return (operation, handler) -> {
            String method = handler.getMethod().getName();
            String subject = handler.getBeanType().getSimpleName().replaceFirst("(Api)?Controller$", "");
            boolean ours = handler.getBeanType().getName().startsWith("dev.kintsugi.");
            return ours && !method.toLowerCase(Locale.ROOT).contains(subject.toLowerCase(Locale.ROOT))
                    ? operation.operationId(method + subject)
                    : operation.operationId(method);
        };
    }

    /**
     * Documents the {@code ETag} response header (DESIGN.md: every mutable resource answers {@code ETag:
     * "<version>"}) on every successful JSON response whose schema carries a {@code version}, so that a generated
     * client knows it can read it and send it back in {@code If-Match}.
     */
    @Bean
    OpenApiCustomizer etagHeaders() {
        return openApi -> {
            if (openApi.getPaths() == null || openApi.getComponents() == null) {
                return;
            }
            Map<String, Schema> schemas = openApi.getComponents().getSchemas() == null
                    ? Map.of()
                    : openApi.getComponents().getSchemas();
            openApi.getPaths().values().stream()
                    .flatMap(item -> item.readOperations().stream())
                    .filter(op -> op.getResponses() != null)
                    .flatMap(op -> op.getResponses().entrySet().stream())
                    .filter(r -> r.getKey().startsWith("2") && r.getValue().getContent() != null)
                    .forEach(r -> {
                        boolean versioned = r.getValue().getContent().values().stream()
                                .map(media -> media.getSchema() == null
                                        ? null
                                        : media.getSchema().get$ref())
                                .filter(ref -> ref != null && ref.startsWith("#/components/schemas/"))
                                .map(ref -> schemas.get(ref.substring("#/components/schemas/".length())))
                                .anyMatch(s -> s != null
                                        && s.getProperties() != null
                                        && s.getProperties().containsKey("version"));
                        if (versioned) {
                            r.getValue()
                                    .addHeaderObject(
                                            HttpHeaders.ETAG,
                                            new Header()
                                                    .description(
                                                            "The resource's version as an entity tag (\"3\"): send it back in"
                                                                    + " If-Match to have a write refused with 412 if the resource changed since")
                                                    .schema(new StringSchema().example("\"3\"")));
                        }
                    });
        };
    }

    @Bean
    QualifiedSchemaNames qualifiedSchemaNames() {
        return new QualifiedSchemaNames();
    }

    /**
     * Gives every schema of ours a unique name. Swagger names a schema by its class's simple name, so two request
     * records both called {@code TransitionRequest} (one nested in the incident controller, one in the post-mortem
     * controller) became one schema and the incident's was shown with the post-mortem's states. A record nested
     * in a class is named after that class ({@code PostmortemApiController.TransitionRequest} is
     * {@code PostmortemTransitionRequest}) unless its own name already says it ({@code NewCountermeasure}); a
     * name still taken by another class falls back to the qualified class name. Names of generic types
     * ({@code PageResult<T>}) are left to Swagger.
     */
    static final class QualifiedSchemaNames implements ModelConverter {
        private static final String ROOT = "dev.kintsugi.";
        private final Map<String, Class<?>> owners = new ConcurrentHashMap<>();
        private final Map<Class<?>, String> names = new ConcurrentHashMap<>();

        @Override
        public Schema<?> resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
            if (!chain.hasNext()) {
                return null;
            }
            if (type.getType() != null
                    && (type.getName() == null || type.getName().isBlank())) {
                JavaType javaType = Json.mapper().constructType(type.getType());
                Class<?> raw = javaType.getRawClass();
                if (JsonNode.class.isAssignableFrom(raw)) {
                    // Free-form JSON (an audit entry's details), not the JsonNode class's bean properties.
                    return new ObjectSchema().description("free-form JSON");
                }
                if (raw.getName().startsWith(ROOT)
                        && !javaType.isContainerType()
                        && raw.getTypeParameters().length == 0
                        && !named(raw)) {
                    type.name(nameOf(raw));
                }
            }
            return chain.next().resolve(type, context, chain);
        }

        /** The schema name of one of our classes; stable for the life of the description. */
        String nameOf(Class<?> type) {
            return names.computeIfAbsent(type, t -> {
                String name = preferred(t);
                Class<?> owner = owners.putIfAbsent(name, t);
                if (owner != null && owner != t) {
                    name = t.getName().substring(ROOT.length()).replace('$', '.');
                    owners.put(name, t);
                }
                return name;
            });
        }

        private static String preferred(Class<?> type) {
            Class<?> enclosing = type.getEnclosingClass();
            if (enclosing == null) {
                return type.getSimpleName();
            }
            String stem = enclosing.getSimpleName().replaceFirst("(Api|Page)?Controller$|ApiModels$", "");
            return type.getSimpleName().contains(stem) ? type.getSimpleName() : stem + type.getSimpleName();
        }

        private static boolean named(Class<?> type) {
            var schema = type.getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class);
            return schema != null && !schema.name().isBlank();
        }
    }
}
