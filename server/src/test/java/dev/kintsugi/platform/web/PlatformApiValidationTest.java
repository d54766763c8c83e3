package dev.kintsugi.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.kintsugi.platform.ApiTokens;
import dev.kintsugi.platform.UserManagement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The user, profile and token API's input checks at the boundary, in a web slice (controllers, JSON mapper,
 * problem-details advice; no database). Each refusal is a 400 problem naming the field and calls no write of the
 * facades. Rules that need the database or the clock (duplicate usernames, the last admin, an expiry in the past)
 * are proved end to end in {@code UserApiTest} and {@code TokenApiTest}.
 */
@WebMvcTest(controllers = {UserApiController.class, MeApiController.class})
@Import(PlatformApiValidationTest.SliceClock.class)
@WithMockUser(username = "slice-admin", roles = "ADMIN")
class PlatformApiValidationTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The slice has no platform configuration; the controllers take time from a clock like everything else. */
    @TestConfiguration
    static class SliceClock {
        @Bean
        Clock clock() {
            return Clock.fixed(Instant.parse("2020-01-15T10:00:00Z"), ZoneOffset.UTC);
        }
    }

    @Autowired
    MockMvc mvc;

    @MockitoBean
    UserManagement users;

    @MockitoBean
    ApiTokens tokens;

    @AfterEach
    void nothingWasWritten() {
        verifyNoInteractions(tokens);
        // the locale resolver may read the viewer's profile; nothing may change it
        assertThat(mockingDetails(users).getInvocations())
                .extracting(i -> i.getMethod().getName())
                .noneMatch(name -> name.matches("create|update.*|change.*|set.*|disable.*|enable.*|delete.*"));
    }

    @Test
    void aNewUserIsRefusedOnTheFieldThatIsWrong() throws Exception {
        refused(post("/api/v1/users"), user("Not Valid!", "VIEWER", "a-long-password"), "username");
        refused(post("/api/v1/users"), user("shorty", "VIEWER", "short"), "password");
        refused(post("/api/v1/users"), user("wizard", "WIZARD", "a-long-password"), "role");
        Map<String, Object> badEmail = user("mail", "VIEWER", "a-long-password");
        badEmail.put("email", "not-an-address");
        refused(post("/api/v1/users"), badEmail, "email");
        Map<String, Object> noName = user("nameless", "VIEWER", "a-long-password");
        noName.remove("displayName");
        refused(post("/api/v1/users"), noName, "displayName");
    }

    @Test
    void aProfileChangeIsRefusedOnTheFieldThatIsWrong() throws Exception {
        refused(patch("/api/v1/me"), Map.of("displayName", ""), "displayName");
        refused(patch("/api/v1/me"), Map.of("email", "nobody"), "email");
        refused(patch("/api/v1/me"), Map.of("timeZone", "Mars/Olympus_Mons"), "timeZone");
        refused(patch("/api/v1/me"), Map.of("locale", "de"), "locale");
        refused(patch("/api/v1/users/someone"), Map.of("role", "WIZARD"), "role");
    }

    @Test
    void aTokenNeedsAShortNonBlankName() throws Exception {
        refused(post("/api/v1/me/tokens"), Map.of("name", " "), "name");
        refused(post("/api/v1/me/tokens"), Map.of("name", "n".repeat(101)), "name");
        refused(post("/api/v1/me/tokens"), Map.of("name", "ci", "expiresAt", "next tuesday"), "expiresAt");
    }

    private void refused(MockHttpServletRequestBuilder request, Map<String, ?> body, String field) throws Exception {
        mvc.perform(request.with(csrf()).contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(body)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value(field));
    }

    private static Map<String, Object> user(String username, String role, String password) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("displayName", "Someone");
        body.put("role", role);
        body.put("password", password);
        return body;
    }
}
