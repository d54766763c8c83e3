package dev.kintsugi.platform;

import dev.kintsugi.platform.persistence.ApiTokenRepository;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal API tokens, sent as {@code Authorization: Bearer <token>}. Only a SHA-256 hash of each token is
 * stored (tokens carry 256 random bits, so a fast hash is enough and allows lookup by hash); the value is
 * shown once, when it is created.
 */
@Service
@Transactional
public class ApiTokens {
    public static final String PREFIX = "kts_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApiTokenRepository tokens;
    private final UserManagement users;
    private final AuditLog audit;
    private final Clock clock;

    ApiTokens(ApiTokenRepository tokens, UserManagement users, AuditLog audit, Clock clock) {
        this.tokens = tokens;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    /** A token just created: {@code value} is the secret, shown to its owner this once. */
    public record CreatedToken(ApiToken token, String value) {}

    public CreatedToken create(String username, String name, Instant expiresAt) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String value = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new CreatedToken(store(username, name, value, expiresAt), value);
    }

    /** Stores a token whose value was chosen outside (KINTSUGI_ADMIN_TOKEN); does nothing if it exists. */
    public void provision(String username, String name, String value) {
        if (value == null || value.length() < 16) {
            throw new InvalidInputException(
                    "token",
                    "platform.validation.tokenShort",
                    "a provisioned token must be at least 16 characters",
                    16);
        }
        if (tokens.findByHash(hash(value)).isEmpty()) {
            store(username, name, value, null);
        }
    }

    private ApiToken store(String username, String name, String value, Instant expiresAt) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("name", "validation.blank", "must not be blank");
        }
        if (name.length() > 100) {
            throw new InvalidInputException("name", "validation.tooLong", "must be at most 100 characters", 100);
        }
        Instant now = clock.instant();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new InvalidInputException("expiresAt", "validation.inFuture", "must be in the future");
        }
        UserAccount user = users.get(username);
        long id = tokens.insert(user.id(), name.trim(), hash(value), value.substring(0, 8), now, expiresAt);
        ApiToken token = tokens.findById(id).orElseThrow();
        audit.record(
                "token.created",
                "api-token",
                String.valueOf(id),
                "API token '" + token.name() + "' for " + username,
                null,
                Map.of("name", token.name(), "owner", username, "prefix", token.prefix()));
        return token;
    }

    @Transactional(readOnly = true)
    public List<ApiToken> list(String username) {
        return tokens.findByUser(users.get(username).id());
    }

    @Transactional(readOnly = true)
    public Optional<ApiToken> find(long id) {
        return tokens.findById(id);
    }

    public ApiToken revoke(long id) {
        ApiToken token = tokens.findById(id).orElseThrow(() -> new NotFoundException("API token", id));
        if (token.revokedAt() == null) {
            tokens.revoke(id, clock.instant());
            audit.record(
                    "token.revoked",
                    "api-token",
                    String.valueOf(id),
                    "API token '" + token.name() + "' of " + token.username() + " revoked",
                    null,
                    null);
        }
        return tokens.findById(id).orElseThrow();
    }

    /** Revokes a token of this user; another user's token is reported as not existing. */
    public ApiToken revokeOwnedBy(String username, long id) {
        tokens.findById(id)
                .filter(t -> t.username().equals(username))
                .orElseThrow(() -> new NotFoundException("API token", id));
        return revoke(id);
    }

    /** The username a presented token belongs to, if the token is active and its owner enabled. */
    public Optional<UserAccount> authenticate(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return tokens.findByHash(hash(value.trim()))
                .filter(t -> t.activeAt(now))
                .flatMap(t -> {
                    tokens.touch(t.id(), now);
                    return users.find(t.username());
                })
                .filter(UserAccount::enabled);
    }

    static String hash(String value) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
