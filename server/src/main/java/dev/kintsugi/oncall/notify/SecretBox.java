package dev.kintsugi.oncall.notify;

import dev.kintsugi.oncall.OnCallProperties;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The module's secrets: HMAC-SHA256 signatures (notification links, feed URLs) and AES-256-GCM encryption of stored
 * secrets (webhook URLs, signing secrets), both from one server key: {@code kintsugi.oncall.secret-key} when set,
 * else a random key made once and kept in {@code oncall_server_key}, so every instance on the database agrees.
 * Separate sub-keys are derived for signing and for encryption.
 */
@Component("onCallSecretBox")
public class SecretBox {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final OnCallProperties properties;
    private final JdbcClient jdbc;
    private final TransactionTemplate separate;
    private volatile byte[] macKey;
    private volatile byte[] encKey;

    SecretBox(OnCallProperties properties, JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.properties = properties;
        this.jdbc = jdbc;
        this.separate = new TransactionTemplate(transactions);
        separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The URL-safe signature of {@code data}. */
    public String sign(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keys()[0], "HmacSHA256"));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code signature} is the signature of {@code data} (in constant time). */
    public boolean verify(String data, String signature) {
        return signature != null
                && MessageDigest.isEqual(
                        sign(data).getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII));
    }

    public String encrypt(String plain) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys()[1], "AES"), new GCMParameterSpec(128, iv));
            byte[] ct = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + ct.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(ct, 0, out, iv.length, ct.length);
            return "v1:" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String decrypt(String sealed) {
        try {
            if (!sealed.startsWith("v1:")) {
                throw new IllegalStateException("unknown secret format");
            }
            byte[] all = Base64.getDecoder().decode(sealed.substring(3));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keys()[1], "AES"), new GCMParameterSpec(128, all, 0, 12));
            return new String(c.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored secret does not open with the server key", e);
        }
    }

    /** A random URL-safe token of 128 bits. */
    public static String randomToken() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private byte[][] keys() {
        if (macKey == null) {
            synchronized (this) {
                if (macKey == null) {
                    String master = properties.secretKey() == null
                                    || properties.secretKey().isBlank()
                            ? storedKey()
                            : properties.secretKey();
                    encKey = sha256("kintsugi-oncall-encryption:" + master);
                    macKey = sha256("kintsugi-oncall-signing:" + master);
                }
            }
        }
        return new byte[][] {macKey, encKey};
    }

    private String storedKey() {
        String existing = separate.execute(s -> jdbc.sql("select secret from oncall_server_key where id = 1")
                .query(String.class)
                .optional()
                .orElse(null));
        if (existing != null) {
            return existing;
        }
        String made = randomToken() + randomToken();
        try {
            separate.executeWithoutResult(s -> jdbc.sql("insert into oncall_server_key (id, secret) values (1, ?)")
                    .param(made)
                    .update());
            return made;
        } catch (DataIntegrityViolationException another) {
            // another instance made it first: use theirs
            return separate.execute(s -> jdbc.sql("select secret from oncall_server_key where id = 1")
                    .query(String.class)
                    .single());
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
