package dev.kintsugi.alerting.ingest;

import dev.kintsugi.platform.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Keys and secrets of integrations. A key is 128 random bits in hex (the shape of a PagerDuty routing key), kept
 * only as its SHA-256 (the key has full entropy, so a plain hash cannot be guessed back). A signing secret must be
 * usable, so it is encrypted with AES-GCM under the server key {@code kintsugi.secrets.key}
 * ({@code KINTSUGI_SECRETS_KEY}); without a server key, signed integrations are refused rather than stored in clear.
 */
@Component
public class SecretBox {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();
    private final SecretKeySpec key;

    SecretBox(@Value("${kintsugi.secrets.key:}") String serverKey) {
        this.key = serverKey == null || serverKey.isBlank()
                ? null
                : new SecretKeySpec(sha256(serverKey.getBytes(StandardCharsets.UTF_8)), "AES");
    }

    public static String newKey() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HEX.formatHex(b);
    }

    public static String hash(String key) {
        return HEX.formatHex(sha256(key.getBytes(StandardCharsets.UTF_8)));
    }

    public String encrypt(String secret) {
        if (key == null) {
            throw new InvalidInputException(
                    "signed",
                    "alerting.integration.no-server-key",
                    "signed integrations need a server key: set kintsugi.secrets.key (KINTSUGI_SECRETS_KEY)");
        }
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] ct = c.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] all = new byte[iv.length + ct.length];
            System.arraycopy(iv, 0, all, 0, iv.length);
            System.arraycopy(ct, 0, all, iv.length, ct.length);
            return "v1:" + Base64.getEncoder().encodeToString(all);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt", e);
        }
    }

    public String decrypt(String sealed) {
        if (key == null || sealed == null || !sealed.startsWith("v1:")) {
            throw new IllegalStateException("no usable server key for a signed integration");
        }
        try {
            byte[] all = Base64.getDecoder().decode(sealed.substring(3));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, 12));
            return new String(c.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot decrypt a signing secret (was kintsugi.secrets.key changed?)", e);
        }
    }

    /** Whether {@code header} ({@code sha256=<hex>}) is the HMAC-SHA256 of {@code body} under {@code secret}. */
    public static boolean signatureMatches(String secret, byte[] body, String header) {
        if (header == null || !header.startsWith("sha256=")) {
            return false;
        }
        byte[] given;
        try {
            given = HEX.parseHex(header.substring(7).trim().toLowerCase(java.util.Locale.ROOT));
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
