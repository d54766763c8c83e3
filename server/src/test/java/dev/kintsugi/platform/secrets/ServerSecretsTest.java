package dev.kintsugi.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The one server key: sealing round-trips and refuses altered or foreign values, signatures verify only for their
 * data, values sealed and signed by the modules' former secret boxes still open, and without a configured key two
 * instances on one (real, H2) database agree on the key made once.
 */
class ServerSecretsTest {

    @Test
    void sealedValuesOpenOnlyUnchangedAndUnderTheirKey() {
        ServerSecrets secrets = configured("a-server-key");
        String sealed = secrets.seal("https://hooks.example/T000/secret-part");
        assertThat(sealed).startsWith("v2:").doesNotContain("secret-part");
        assertThat(secrets.seal("same")).isNotEqualTo(secrets.seal("same"));
        assertThat(secrets.unseal(sealed)).isEqualTo("https://hooks.example/T000/secret-part");

        byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
        raw[raw.length - 1] ^= 1;
        String altered = "v2:" + Base64.getEncoder().encodeToString(raw);
        assertThatThrownBy(() -> secrets.unseal(altered)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> configured("another-key").unseal(sealed)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> secrets.unseal("plain text")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> secrets.unseal("v2:!!")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> secrets.unseal("v2:AAAA")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void signaturesVerifyOnlyTheirDataUnderTheirKey() {
        ServerSecrets secrets = configured("a-server-key");
        String sig = secrets.sign("person-feed:ann:0");
        assertThat(sig).matches("[A-Za-z0-9_-]{43}");
        assertThat(secrets.verify("person-feed:ann:0", sig)).isTrue();
        assertThat(secrets.verify("person-feed:ann:1", sig)).isFalse();
        assertThat(secrets.verify("person-feed:ann:0", sig.substring(1))).isFalse();
        assertThat(secrets.verify("person-feed:ann:0", null)).isFalse();
        assertThat(configured("another-key").verify("person-feed:ann:0", sig)).isFalse();
    }

    @Test
    void whatTheFormerSecretBoxesMadeStillOpensAndVerifies() throws Exception {
        // on-call's former box: sub-keys derived from kintsugi.oncall.secret-key, now the deprecated alias
        ServerSecrets viaAlias = new ServerSecrets("", "old-oncall-key", null, null);
        String onCallSealed = legacySeal(sha256("kintsugi-oncall-encryption:old-oncall-key"), "https://old.example/x");
        assertThat(viaAlias.unseal(onCallSealed)).isEqualTo("https://old.example/x");
        String onCallSig = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(hmac(sha256("kintsugi-oncall-signing:old-oncall-key"), "link:42"));
        assertThat(viaAlias.verify("link:42", onCallSig)).isTrue();
        assertThat(viaAlias.verify("link:43", onCallSig)).isFalse();
        // both keys set: the new one seals, what the alias sealed still opens
        ServerSecrets both = new ServerSecrets("new-key", "old-oncall-key", null, null);
        assertThat(both.unseal(onCallSealed)).isEqualTo("https://old.example/x");
        assertThat(configured("new-key").unseal(both.seal("x"))).isEqualTo("x");

        // alerting's former box: AES key = SHA-256 of kintsugi.secrets.key
        String alertingSealed = legacySeal(sha256("a-server-key"), "integration-signing-secret");
        assertThat(configured("a-server-key").unseal(alertingSealed)).isEqualTo("integration-signing-secret");
        assertThatThrownBy(() -> configured("another-key").unseal(alertingSealed))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void withoutAConfiguredKeyInstancesOnOneDatabaseShareTheKeyMadeOnce() {
        var db = new DriverManagerDataSource(
                "jdbc:h2:mem:server-secrets-" + System.nanoTime() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1", "sa", "");
        JdbcClient jdbc = JdbcClient.create(db);
        jdbc.sql("create table platform_server_key (id integer primary key, secret varchar(200) not null)")
                .update();
        var transactions = new DataSourceTransactionManager(db);
        ServerSecrets one = new ServerSecrets("", "", jdbc, transactions);
        ServerSecrets two = new ServerSecrets(null, null, jdbc, transactions);
        String sealed = one.seal("shared");
        assertThat(two.unseal(sealed)).isEqualTo("shared");
        assertThat(two.verify("data", one.sign("data"))).isTrue();
        assertThat(jdbc.sql("select count(*) from platform_server_key")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select secret from platform_server_key")
                        .query(String.class)
                        .single())
                .hasSizeGreaterThanOrEqualTo(40);
    }

    private static ServerSecrets configured(String key) {
        return new ServerSecrets(key, "", null, null);
    }

    private static String legacySeal(byte[] key, String plain) throws Exception {
        byte[] iv = new byte[12];
        new SecureRandom().nextBytes(iv);
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        byte[] ct = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
        byte[] all = new byte[iv.length + ct.length];
        System.arraycopy(iv, 0, all, 0, iv.length);
        System.arraycopy(ct, 0, all, iv.length, ct.length);
        return "v1:" + Base64.getEncoder().encodeToString(all);
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha256(String s) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    }
}
