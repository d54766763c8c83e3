package dev.kintsugi.platform.web;

import dev.kintsugi.platform.ApiTokens;
import dev.kintsugi.platform.Role;
import dev.kintsugi.platform.UserManagement;
import dev.kintsugi.platform.Versions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** User administration: accounts, roles, and the API tokens of others. Admins only. */
@RestController
@RequestMapping("/api/v1/users")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Users", description = "Manage people, their roles and their API tokens (admins)")
class UserApiController {
    private final UserManagement users;
    private final ApiTokens tokens;
    private final Clock clock;

    UserApiController(UserManagement users, ApiTokens tokens, Clock clock) {
        this.users = users;
        this.tokens = tokens;
        this.clock = clock;
    }

    record NewUserRequest(
            @NotBlank
            @Pattern(
                    regexp = "[a-z0-9][a-z0-9._-]{1,63}",
                    message = "2 to 64 characters: lower-case letters, digits, '.', '_' or '-'")
            String username,

            @NotBlank @Size(max = 128) String displayName,
            @Email @Size(max = 254) String email,
            @NotNull Role role,

            @NotBlank @Size(min = UserManagement.MIN_PASSWORD_LENGTH, max = 72)
            String password) {}

    /** Only the fields sent change. */
    record AccountPatch(
            Role role,
            Boolean enabled,
            @Size(min = 1, max = 128) String displayName) {}

    @GetMapping
    @Operation(summary = "All users, by username")
    List<AccountView> list() {
        return users.list().stream().map(AccountView::of).toList();
    }

    @PostMapping
    @Operation(summary = "Create a user")
    ResponseEntity<AccountView> create(@Valid @RequestBody NewUserRequest body) {
        var created = users.create(new UserManagement.NewUser(
                body.username(), body.displayName(), body.email(), body.role(), body.password()));
        return ResponseEntity.created(URI.create("/api/v1/users/" + created.username()))
                .body(AccountView.of(created));
    }

    @GetMapping("/{username}")
    @Operation(summary = "One user; its version is also sent as the ETag")
    ResponseEntity<AccountView> get(@PathVariable String username) {
        return AccountView.withETag(users.get(username));
    }

    @PatchMapping("/{username}")
    @Operation(
            summary = "Change a user's role, display name, or enable/disable them",
            description = "Send If-Match with the ETag you read to have the change refused (412) if the account "
                    + "changed since; two writes at the same time: one gets 409. A role change takes effect on the "
                    + "person's next request; disabling also ends their web sessions.")
    ResponseEntity<AccountView> update(
            @PathVariable String username,
            @Parameter(description = "The ETag of the account as you read it, e.g. \"3\"")
                    @RequestHeader(name = Versions.IF_MATCH, required = false)
                    String ifMatch,
            @Valid @RequestBody AccountPatch patch) {
        return AccountView.withETag(users.update(
                username,
                new UserManagement.AccountChange(patch.role(), patch.enabled(), patch.displayName()),
                ifMatch));
    }

    @GetMapping("/{username}/tokens")
    @Operation(summary = "A user's personal API tokens")
    List<TokenView> tokens(@PathVariable String username) {
        Instant now = clock.instant();
        return tokens.list(username).stream().map(t -> TokenView.of(t, now)).toList();
    }

    @DeleteMapping("/{username}/tokens/{id}")
    @Operation(summary = "Revoke a user's token")
    ResponseEntity<Void> revoke(@PathVariable String username, @PathVariable long id) {
        tokens.revokeOwnedBy(users.get(username).username(), id);
        return ResponseEntity.noContent().build();
    }
}
