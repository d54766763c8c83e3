package dev.kintsugi.platform;

import dev.kintsugi.platform.persistence.UserRepository;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** People: who they are, what they may do, and their personal settings. Every change is audited. */
@Service
@Transactional
public class UserManagement {
    public static final int MIN_PASSWORD_LENGTH = 10;
    private static final String VIEWER_KEY = UserManagement.class.getName() + ".viewer";

    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    private final Clock clock;

    UserManagement(UserRepository users, PasswordEncoder passwords, AuditLog audit, Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
    }

    public record NewUser(String username, String displayName, String email, Role role, String password) {}

    public UserAccount create(NewUser n) {
        return create(n, false);
    }

    /** Creates a user; {@code mustChange} makes them choose a new password at their first login. */
    public UserAccount create(NewUser n, boolean mustChange) {
        String username = UserInput.newUser(n);
        if (users.findByUsername(username).isPresent()) {
            throw new ConflictException(
                    "platform.conflict.userTaken",
                    "A user named '" + username + "' already exists",
                    java.util.Map.of(),
                    username);
        }
        String hash = n.password() == null ? null : passwords.encode(n.password());
        long id = users.insert(
                username,
                n.displayName().trim(),
                UserInput.blankToNull(n.email()),
                hash,
                n.role(),
                mustChange,
                clock.instant());
        UserAccount created = users.findById(id).orElseThrow();
        audit.record("user.created", "user", username, "Created user " + username, null, UserInput.describe(created));
        forgetViewer();
        return created;
    }

    public Optional<UserAccount> find(String username) {
        return username == null ? Optional.empty() : users.findByUsername(username.toLowerCase(Locale.ROOT));
    }

    /**
     * The logged-in person's account, read once per web request: the layout, the time zone, the language and the
     * password-change check all need it, and each would otherwise query the table again.
     */
    @Transactional(readOnly = true)
    public Optional<UserAccount> viewer() {
        var request = org.springframework.web.context.request.RequestContextHolder.getRequestAttributes();
        String key = VIEWER_KEY;
        String username = Actor.authenticated().orElse(null);
        if (request != null
                && request.getAttribute(key, org.springframework.web.context.request.RequestAttributes.SCOPE_REQUEST)
                        instanceof Optional<?> cached
                && cached.map(u -> ((UserAccount) u).username().equals(username))
                        .orElse(username == null)) {
            @SuppressWarnings("unchecked")
            Optional<UserAccount> viewer = (Optional<UserAccount>) cached;
            return viewer;
        }
        Optional<UserAccount> viewer = username == null ? Optional.empty() : find(username);
        if (request != null) {
            request.setAttribute(key, viewer, org.springframework.web.context.request.RequestAttributes.SCOPE_REQUEST);
        }
        return viewer;
    }

    /** Drops the per-request copy after a change, so the rest of the request sees the new state. */
    private static void forgetViewer() {
        var request = org.springframework.web.context.request.RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.removeAttribute(
                    VIEWER_KEY, org.springframework.web.context.request.RequestAttributes.SCOPE_REQUEST);
        }
    }

    public UserAccount get(String username) {
        return find(username).orElseThrow(() -> new NotFoundException("User", username));
    }

    public boolean exists(String username) {
        return find(username).isPresent();
    }

    @Transactional(readOnly = true)
    public List<UserAccount> list() {
        return users.findAll();
    }

    public long count() {
        return users.count();
    }

    public UserAccount changeRole(String username, Role role) {
        if (role == null) {
            throw new InvalidInputException(
                    "role",
                    "validation.oneOf",
                    "must be one of VIEWER, RESPONDER, CHAOS_ENGINEER, ADMIN",
                    "VIEWER, RESPONDER, CHAOS_ENGINEER, ADMIN");
        }
        UserAccount before = get(username);
        if (before.role() == Role.ADMIN && role != Role.ADMIN) {
            refuseRemovingLastAdmin(before);
        }
        guarded(users.updateRole(before.id(), before.version(), role), username);
        UserAccount after = get(username);
        audit.record(
                "user.role-changed",
                "user",
                username,
                "Role of " + username + ": " + before.role() + " → " + role,
                UserInput.describe(before),
                UserInput.describe(after));
        forgetViewer();
        return after;
    }

    public UserAccount setEnabled(String username, boolean enabled) {
        UserAccount before = get(username);
        if (!enabled && before.role() == Role.ADMIN) {
            refuseRemovingLastAdmin(before);
        }
        guarded(users.updateEnabled(before.id(), before.version(), enabled), username);
        UserAccount after = get(username);
        audit.record(
                enabled ? "user.enabled" : "user.disabled",
                "user",
                username,
                (enabled ? "Enabled " : "Disabled ") + username,
                UserInput.describe(before),
                UserInput.describe(after));
        forgetViewer();
        return after;
    }

    /** An administrator's change to someone's account; null fields stay as they are. */
    public record AccountChange(Role role, Boolean enabled, String displayName) {}

    /** Applies every part of the change or none of it (one transaction). */
    public UserAccount update(String username, AccountChange c) {
        return update(username, c, null);
    }

    /**
     * {@link #update(String, AccountChange)} refused with 412 when the account is no longer at the version the
     * caller read ({@code If-Match}, see {@link Versions}); {@code null} checks nothing.
     */
    public UserAccount update(String username, AccountChange c, String ifMatch) {
        UserAccount account = get(username);
        Versions.requireIfMatch(ifMatch, account.version(), "User " + username);
        if (c.displayName() != null && !c.displayName().trim().equals(account.displayName())) {
            account = updateProfile(username, new ProfileChange(c.displayName(), null, null, null));
        }
        if (c.role() != null && c.role() != account.role()) {
            account = changeRole(username, c.role());
        }
        if (c.enabled() != null && c.enabled() != account.enabled()) {
            account = setEnabled(username, c.enabled());
        }
        return account;
    }

    /**
     * Ends every open web session of this person, the caller's included ("log out everywhere"). API tokens are
     * revoked separately.
     */
    public void endSessions(String username) {
        UserAccount user = get(username);
        users.endSessions(user.id());
        audit.record("user.sessions-ended", "user", username, "Every session of " + username + " ended", null, null);
        forgetViewer();
    }

    /** 0 rows changed: the account changed between our read and our write. */
    private static void guarded(boolean changed, String username) {
        if (!changed) {
            throw new ConflictException(
                    "platform.conflict.userChanged",
                    "User " + username + " was changed at the same time; read it again and retry",
                    java.util.Map.of(),
                    username);
        }
    }

    private void refuseRemovingLastAdmin(UserAccount admin) {
        long otherAdmins = users.findAll().stream()
                .filter(u -> u.role() == Role.ADMIN && u.enabled() && u.id() != admin.id())
                .count();
        if (otherAdmins == 0) {
            throw new ConflictException(
                    "platform.conflict.lastAdmin",
                    "'" + admin.username() + "' is the last enabled admin",
                    java.util.Map.of(),
                    admin.username());
        }
    }

    public record ProfileChange(String displayName, String email, String timeZone, String locale) {}

    public UserAccount updateProfile(String username, ProfileChange c) {
        return updateProfile(username, c, null);
    }

    /** {@link #updateProfile(String, ProfileChange)}, refused with 412 when {@code ifMatch} is stale. */
    public UserAccount updateProfile(String username, ProfileChange c, String ifMatch) {
        UserAccount before = get(username);
        Versions.requireIfMatch(ifMatch, before.version(), "User " + username);
        String displayName =
                c.displayName() == null ? before.displayName() : c.displayName().trim();
        if (displayName.isEmpty()) {
            throw new InvalidInputException("displayName", "validation.blank", "must not be blank");
        }
        String zone = c.timeZone() == null ? before.timeZone() : UserInput.validZone(c.timeZone());
        String locale = c.locale() == null ? before.locale() : UserInput.validLocale(c.locale());
        String email = c.email() == null ? before.email() : UserInput.blankToNull(c.email());
        guarded(users.updateProfile(before.id(), before.version(), displayName, email, zone, locale), username);
        UserAccount after = get(username);
        audit.record(
                "user.profile-changed",
                "user",
                username,
                "Profile of " + username,
                UserInput.describe(before),
                UserInput.describe(after));
        forgetViewer();
        return after;
    }

    /** Sets the time zone only when none is set yet: the browser's zone on first login. */
    public void adoptBrowserTimeZone(String username, String zone) {
        UserAccount user = get(username);
        if (user.timeZone() == null) {
            updateProfile(username, new ProfileChange(null, null, zone, null));
        }
    }

    public void changePassword(String username, String currentPassword, String newPassword) {
        UserAccount user = get(username);
        String hash = users.passwordHash(user.id()).orElse(null);
        if (hash == null || currentPassword == null || !passwords.matches(currentPassword, hash)) {
            throw new InvalidInputException(
                    "currentPassword", "platform.validation.currentPassword", "is not your current password");
        }
        UserInput.checkPassword(newPassword);
        guarded(users.updatePassword(user.id(), user.version(), passwords.encode(newPassword), false), username);
        audit.record("user.password-changed", "user", username, "Password of " + username + " changed", null, null);
        forgetViewer();
    }

    public void resetPassword(String username, String newPassword, boolean mustChange) {
        UserAccount user = get(username);
        UserInput.checkPassword(newPassword);
        guarded(users.updatePassword(user.id(), user.version(), passwords.encode(newPassword), mustChange), username);
        audit.record("user.password-reset", "user", username, "Password of " + username + " reset", null, null);
        forgetViewer();
    }
}
