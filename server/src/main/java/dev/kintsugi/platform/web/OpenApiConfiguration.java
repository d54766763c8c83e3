package dev.kintsugi.platform.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI 3.1 description at /v3/api-docs: every operation needs a personal API token as a bearer token. */
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
                                + " it as `Authorization: Bearer <token>`.")
                        .license(new License().name("Proprietary")))
                .components(new Components()
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("A personal API token (kts_…)")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
