package dev.kintsugi.alerting.ingest;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Integration keys and the signatures senders make with their signing secret. A key is 128 random bits in hex (the
 * shape of a PagerDuty routing key), kept only as its SHA-256 (the key has full entropy, so a plain hash cannot be
 * guessed back). The signing secret itself is sealed by {@link dev.kintsugi.platform.secrets.ServerSecrets}: it is
 * not here, as this class holds no key.
 */
public final class IntegrationKeys {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private IntegrationKeys() {}

    public static String newKey() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HEX.formatHex(b);
    }

    /** A new signing secret: 256 random bits in hex. */
    public static String newSecret() {
        return newKey() + newKey();
    }

    public static String hash(String key) {
        return HEX.formatHex(sha256(key.getBytes(StandardCharsets.UTF_8)));
    }

    /** Whether {@code header} ({@code sha256=<hex>}) is the HMAC-SHA256 of {@code body} under {@code secret}. */
    public static boolean signatureMatches(String secret, byte[] body, String header) {
        if (header == null || !header.startsWith("sha256=")) {
            return false;
        }
        byte[] given;
        try {
            given = HEX.parseHex(header.substring(7).trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmac(secret, body), given);
    }

    public static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
