package dev.kintsugi.platform.web;

import dev.kintsugi.platform.ApiTokens;
import dev.kintsugi.platform.UserManagement;
import dev.kintsugi.platform.Versions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own account and personal API tokens. Every role may use it. */
@RestController
@RequestMapping("/api/v1/me")
@PreAuthorize("hasRole('VIEWER')")
@Tag(name = "Me", description = "Your account, settings and personal API tokens")
class MeApiController {
    private final UserManagement users;
    private final ApiTokens tokens;
    private final Clock clock;

    MeApiController(UserManagement users, ApiTokens tokens, Clock clock) {
        this.users = users;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** Only the fields sent change; an empty e-mail removes it. */
    record ProfilePatch(
            @Size(min = 1, max = 128) String displayName,
            @Email @Size(max = 254) String email,
            @ValidZoneId String timeZone,

            @Pattern(regexp = "en|fr", message = "must be 'en' or 'fr'")
            String locale) {}

    /** {@code expiresAt} is optional; it must lie in the future (checked against the server's clock). */
    record NewToken(@NotBlank @Size(max = 100) String name, Instant expiresAt) {}

    @GetMapping
    @Operation(summary = "Your account; its version is also sent as the ETag")
    ResponseEntity<AccountView> me(Authentication auth) {
        return AccountView.withETag(users.get(auth.getName()));
    }

    @PatchMapping
    @Operation(
            summary = "Change your display name, e-mail, time zone or language",
            description = "Send If-Match with the ETag you read to have the change refused (412) if your account "
                    + "changed since.")
    ResponseEntity<AccountView> update(
            Authentication auth,
            @Parameter(description = "The ETag of your account as you read it, e.g. \"3\"")
                    @RequestHeader(name = Versions.IF_MATCH, required = false)
                    String ifMatch,
            @Valid @RequestBody ProfilePatch patch) {
        return AccountView.withETag(users.updateProfile(
                auth.getName(),
                new UserManagement.ProfileChange(patch.displayName(), patch.email(), patch.timeZone(), patch.locale()),
                ifMatch));
    }

    @GetMapping("/tokens")
    @Operation(summary = "Your personal API tokens, newest first")
    List<TokenView> tokens(Authentication auth) {
        Instant now = clock.instant();
        return tokens.list(auth.getName()).stream()
                .map(t -> TokenView.of(t, now))
                .toList();
    }

    @PostMapping("/tokens")
    @Operation(summary = "Create a personal API token; its value is in this answer only")
    ResponseEntity<TokenView> create(Authentication auth, @Valid @RequestBody NewToken body) {
        var created = tokens.create(auth.getName(), body.name(), body.expiresAt());
        return ResponseEntity.created(
                        URI.create("/api/v1/me/tokens/" + created.token().id()))
                .body(TokenView.of(created.token(), clock.instant(), created.value()));
    }

    @DeleteMapping("/tokens/{id}")
    @Operation(summary = "Revoke one of your tokens")
    ResponseEntity<Void> revoke(Authentication auth, @PathVariable long id) {
        tokens.revokeOwnedBy(auth.getName(), id);
        return ResponseEntity.noContent().build();
    }
}
