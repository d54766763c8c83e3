package dev.kintsugi.catalog.web;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.platform.UserManagement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The catalog API's input checks at the boundary, in a web slice: the controllers, the JSON mapper and the
 * problem-details advice, no database. Each refusal is a 400 problem naming the field, and never reaches the
 * facade (so it cannot write anything). What needs the database (unknown owner team or member, duplicate and
 * reserved names) is proved end to end in {@code CatalogApiTest}.
 */
@WebMvcTest(controllers = {TeamApiController.class, ServiceApiController.class})
@WithMockUser(roles = "RESPONDER")
class CatalogApiValidationTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @MockitoBean
    CatalogManagement catalog;

    @MockitoBean
    UserManagement users;

    @AfterEach
    void nothingReachedTheFacade() {
        verifyNoInteractions(catalog);
    }

    @Test
    void aTeamWithoutANameOrWithABadOneIsRefusedOnTheField() throws Exception {
        refused(post("/api/v1/teams"), Map.of("displayName", "T"), "name");
        refused(post("/api/v1/teams"), Map.of("name", "Bad Name", "displayName", "T"), "name");
        refused(post("/api/v1/teams"), Map.of("name", "ok-team", "displayName", "x".repeat(129)), "displayName");
        refused(post("/api/v1/teams"), Map.of("name", "ok-team"), "displayName");
    }

    @Test
    void anUnknownOrMissingTierIsRefusedOnTheFieldListingTheTiers() throws Exception {
        Map<String, Object> body = service();
        body.put("tier", "TIER_0");
        refused(post("/api/v1/services"), body, "tier").andExpect(jsonPath("$.detail", containsString("TIER_1")));
        body.remove("tier");
        refused(post("/api/v1/services"), body, "tier");
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "ftp://files.example.test/x", "not a url", "file:///etc/passwd"})
    void onlyHttpLinksAreAccepted(String url) throws Exception {
        Map<String, Object> body = service();
        body.put("dashboardUrl", url);
        refused(post("/api/v1/services"), body, "dashboardUrl");
        refused(patch("/api/v1/services/checkout-api"), Map.of("repositoryUrl", url), "repositoryUrl");
    }

    @Test
    void anOversizedDescriptionIsRefusedOnTheField() throws Exception {
        refused(patch("/api/v1/services/checkout-api"), Map.of("description", "x".repeat(4001)), "description");
    }

    @Test
    void malformedJsonIsABadRequestProblem() throws Exception {
        for (String path : List.of("/api/v1/services", "/api/v1/teams")) {
            for (String body : List.of("{\"name\": \"x\", ", "not json")) {
                mvc.perform(post(path)
                                .with(csrf())
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(body))
                        .andExpect(status().isBadRequest())
                        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                        .andExpect(jsonPath("$.title").value("Malformed request body"));
            }
        }
    }

    private ResultActions refused(MockHttpServletRequestBuilder request, Map<String, ?> body, String field)
            throws Exception {
        return mvc.perform(request.with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(body)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value(field));
    }

    private static Map<String, Object> service() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "checkout-api");
        body.put("displayName", "Checkout");
        body.put("tier", "TIER_2");
        body.put("ownerTeam", "payments");
        return body;
    }
}
