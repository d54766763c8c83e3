package dev.kintsugi.platform;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The account rules {@link UserManagement} checks input against, and what its audit entries record of an account. */
final class UserInput {
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");

    private UserInput() {}

    /** A new account's input checked; answers its username, normalised. */
    static String newUser(UserManagement.NewUser n) {
        String username = n.username() == null ? "" : n.username().trim().toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(username).matches()) {
            throw new InvalidInputException(
                    "username",
                    "validation.username",
                    "2 to 64 characters: lower-case letters, digits, '.', '_' or '-'");
        }
        if (n.displayName() == null || n.displayName().isBlank()) {
            throw new InvalidInputException("displayName", "validation.blank", "must not be blank");
        }
        if (n.role() == null) {
            throw new InvalidInputException(
                    "role",
                    "validation.oneOf",
                    "must be one of VIEWER, RESPONDER, CHAOS_ENGINEER, ADMIN",
                    "VIEWER, RESPONDER, CHAOS_ENGINEER, ADMIN");
        }
        if (n.password() != null) {
            checkPassword(n.password());
        }
        return username;
    }

    static void checkPassword(String password) {
        if (password == null || password.length() < UserManagement.MIN_PASSWORD_LENGTH) {
            throw new InvalidInputException(
                    "password",
                    "validation.tooShort",
                    "must be at least " + UserManagement.MIN_PASSWORD_LENGTH + " characters",
                    UserManagement.MIN_PASSWORD_LENGTH);
        }
        if (password.length() > 72) {
            throw new InvalidInputException("password", "validation.tooLong", "must be at most 72 characters", 72);
        }
    }

    static String validZone(String zone) {
        try {
            return ZoneId.of(zone.trim()).getId();
        } catch (DateTimeException e) {
            throw new InvalidInputException(
                    "timeZone", "validation.zone", "'" + zone + "' is not a known time zone", zone);
        }
    }

    static String validLocale(String locale) {
        String l = locale.trim();
        if (!l.equals("en") && !l.equals("fr")) {
            throw new InvalidInputException("locale", "platform.validation.locale", "must be 'en' or 'fr'");
        }
        return l;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** What the audit log keeps of an account, before and after a change (never its password). */
    static Map<String, Object> describe(UserAccount u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("username", u.username());
        m.put("displayName", u.displayName());
        m.put("email", u.email());
        m.put("role", u.role().name());
        m.put("enabled", u.enabled());
        m.put("timeZone", u.timeZone());
        m.put("locale", u.locale());
        return m;
    }
}
