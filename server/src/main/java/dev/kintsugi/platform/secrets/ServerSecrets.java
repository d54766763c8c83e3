package dev.kintsugi.platform.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one server key and what it does: {@link #seal}/{@link #unseal} keep secrets that must stay usable (webhook
 * URLs, signing secrets) with AES-256-GCM, {@link #sign}/{@link #verify} sign what the server hands out and checks
 * later (links, feed URLs) with HMAC-SHA256. The key is {@code kintsugi.secrets.key} ({@code KINTSUGI_SECRETS_KEY});
 * {@code kintsugi.oncall.secret-key} is read as a deprecated alias; without either, a random key is made once and kept
 * in {@code platform_server_key}, so every instance on the database agrees. Sealing and signing use separate keys
 * derived from it. Sealed values carry a version prefix ({@code v2:}); {@code v1:} values sealed by the modules'
 * former secret boxes (on-call's derived key, alerting's hashed key) still open, and signatures made with on-call's
 * former signing key still verify, so switching a module to this component loses nothing.
 */
@Component
public class ServerSecrets {
    private static final Logger log = LoggerFactory.getLogger(ServerSecrets.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SEALED = "v2:";
    private static final String LEGACY_SEALED = "v1:";
    private final String configured;
    private final List<String> aliases;
    private final JdbcClient jdbc;
    private final TransactionTemplate separate;
    private volatile Keys keys;

    ServerSecrets(
            @Value("${kintsugi.secrets.key:}") String key,
            @Value("${kintsugi.oncall.secret-key:}") String deprecatedOnCallKey,
            JdbcClient jdbc,
            PlatformTransactionManager transactions) {
        Set<String> given = new LinkedHashSet<>();
        for (String k : new String[] {key, deprecatedOnCallKey}) {
            if (k != null && !k.isBlank()) {
                given.add(k);
            }
        }
        if ((key == null || key.isBlank()) && !given.isEmpty()) {
            log.warn("kintsugi.oncall.secret-key is deprecated: set kintsugi.secrets.key (KINTSUGI_SECRETS_KEY)");
        }
        this.configured = given.isEmpty() ? null : given.iterator().next();
        this.aliases = List.copyOf(given);
        this.jdbc = jdbc;
        this.separate = new TransactionTemplate(transactions);
        separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** {@code plain} encrypted and authenticated under the server key, as {@code v2:<base64 of iv and ciphertext>}. */
    public String seal(String plain) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys().seal, "AES"), new GCMParameterSpec(128, iv));
            byte[] ct = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + ct.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(ct, 0, out, iv.length, ct.length);
            return SEALED + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The plain text of a {@link #seal sealed} value.
     *
     * @throws IllegalStateException when it does not open with the server key (the key changed, or it was altered)
     */
    public String unseal(String sealed) {
        if (sealed == null) {
            throw new IllegalStateException("nothing to unseal");
        }
        Keys k = keys();
        List<byte[]> candidates;
        String body;
        if (sealed.startsWith(SEALED)) {
            candidates = List.of(k.seal);
            body = sealed.substring(SEALED.length());
        } else if (sealed.startsWith(LEGACY_SEALED)) {
            candidates = k.legacySeal;
            body = sealed.substring(LEGACY_SEALED.length());
        } else {
            throw new IllegalStateException("unknown sealed format");
        }
        byte[] all;
        try {
            all = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("a sealed secret is damaged", e);
        }
        if (all.length < 12 + 16) {
            throw new IllegalStateException("a sealed secret is damaged");
        }
        for (byte[] key : candidates) {
            try {
                Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
                c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, all, 0, 12));
                return new String(c.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
            } catch (GeneralSecurityException tryNext) {
                // authenticated encryption: a wrong key fails, try the next one
            }
        }
        throw new IllegalStateException(
                "a sealed secret does not open with the server key (was kintsugi.secrets.key changed?)");
    }

    /** The URL-safe HMAC-SHA256 signature of {@code data}. */
    public String sign(String data) {
        return mac(keys().sign, data);
    }

    /** Whether {@code signature} is the signature of {@code data}, compared in constant time. */
    public boolean verify(String data, String signature) {
        if (signature == null) {
            return false;
        }
        byte[] given = signature.getBytes(StandardCharsets.US_ASCII);
        Keys k = keys();
        boolean ok = MessageDigest.isEqual(mac(k.sign, data).getBytes(StandardCharsets.US_ASCII), given);
        for (byte[] legacy : k.legacySign) {
            ok |= MessageDigest.isEqual(mac(legacy, data).getBytes(StandardCharsets.US_ASCII), given);
        }
        return ok;
    }

    /** A random URL-safe token of 128 bits. */
    public static String randomToken() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String mac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Keys keys() {
        Keys k = keys;
        if (k == null) {
            synchronized (this) {
                k = keys;
                if (k == null) {
                    List<String> masters = new ArrayList<>(aliases);
                    String master = configured != null ? configured : storedKey();
                    if (configured == null) {
                        masters.add(master);
                    }
                    List<byte[]> legacySeal = new ArrayList<>();
                    List<byte[]> legacySign = new ArrayList<>();
                    for (String m : masters) {
                        legacySeal.add(sha256("kintsugi-oncall-encryption:" + m));
                        legacySeal.add(sha256(m));
                        legacySign.add(sha256("kintsugi-oncall-signing:" + m));
                    }
                    k = new Keys(
                            sha256("kintsugi-secrets-seal:" + master),
                            sha256("kintsugi-secrets-sign:" + master),
                            List.copyOf(legacySeal),
                            List.copyOf(legacySign));
                    keys = k;
                }
            }
        }
        return k;
    }

    private String storedKey() {
        String existing = separate.execute(s -> jdbc.sql("select secret from platform_server_key where id = 1")
                .query(String.class)
                .optional()
                .orElse(null));
        if (existing != null) {
            return existing;
        }
        String made = randomToken() + randomToken();
        try {
            separate.executeWithoutResult(s -> jdbc.sql("insert into platform_server_key (id, secret) values (1, ?)")
                    .param(made)
                    .update());
            return made;
        } catch (DataIntegrityViolationException another) {
            // another instance made it first: use theirs
            return separate.execute(s -> jdbc.sql("select secret from platform_server_key where id = 1")
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

    private record Keys(byte[] seal, byte[] sign, List<byte[]> legacySeal, List<byte[]> legacySign) {}
}
