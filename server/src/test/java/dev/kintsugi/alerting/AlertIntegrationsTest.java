package dev.kintsugi.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.alerting.ingest.IntegrationDirectory;
import dev.kintsugi.alerting.ingest.IntegrationKeys;
import dev.kintsugi.platform.Role;
import dev.kintsugi.support.ApiClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Who may create integrations, keys shown once and stored hashed, signatures, rotation, Opsgenie, generic JSON. */
@ExtendWith(OutputCaptureExtension.class)
class AlertIntegrationsTest extends AlertingFixtures {
    @Autowired
    JdbcClient jdbc;

    @Autowired
    IntegrationDirectory directory;

    @Value("${kintsugi.secrets.key}")
    String serverKey;

    @BeforeEach
    void setUp() {
        organisation();
    }

    @Test
    void viewersAndRespondersOfOtherTeamsCannotCreateIntegrations() {
        Map<String, Object> body = Map.of("name", "x", "sourceType", "ALERTMANAGER", "service", service);
        ApiClient.Response viewer = apiAs(Role.VIEWER).post("/api/v1/alerting/integrations", body);
        assertThat(viewer.status()).isEqualTo(403);
        ApiClient.Response outsider = apiAs(Role.RESPONDER).post("/api/v1/alerting/integrations", body);
        assertThat(outsider.status()).isEqualTo(403);
        assertThat(outsider.contentType()).startsWith("application/problem+json");
        assertThat(apiAs(Role.ADMIN).post("/api/v1/alerting/integrations", body).status())
                .isEqualTo(201);
        ApiClient.Response both = api.post(
                "/api/v1/alerting/integrations",
                Map.of("name", "x", "sourceType", "ALERTMANAGER", "service", service, "team", team));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.json().get("field").asString()).isEqualTo("service");
    }

    @Test
    void errorsAreSaidInTheReadersLanguage() {
        ApiClient french = api.withHeader("Accept-Language", "fr-FR,fr;q=0.9");
        Map<String, Object> both = Map.of("name", "x", "sourceType", "ALERTMANAGER", "service", service, "team", team);
        ApiClient.Response fr = french.post("/api/v1/alerting/integrations", both);
        assertThat(fr.status()).isEqualTo(400);
        assertThat(fr.json().get("field").asString()).isEqualTo("service");
        assertThat(fr.json().get("errors").get(0).get("message").asString())
                .isEqualTo("Une intégration appartient à un service ou à une équipe (l’un des deux).");
        ApiClient.Response en = api.post("/api/v1/alerting/integrations", both);
        assertThat(en.json().get("errors").get(0).get("message").asString())
                .isEqualTo("An integration belongs to a service or to a team (one of the two).");

        JsonNode i = integration(SourceType.ALERTMANAGER, Map.of());
        long id = i.get("id").asLong();
        assertThat(api.delete("/api/v1/alerting/integrations/" + id).status()).isEqualTo(204);
        ApiClient.Response disabled = french.post("/api/v1/alerting/integrations/" + id + "/rotate", null);
        assertThat(disabled.status()).isEqualTo(409);
        assertThat(disabled.json().get("detail").asString())
                .isEqualTo("Une intégration désactivée n’a pas de clé à renouveler.");
    }

    @Test
    void theKeyIsShownOnceAndStoredAsAHashOnly() {
        JsonNode i = integration(SourceType.ALERTMANAGER, Map.of());
        String key = i.get("key").asString();
        assertThat(key).hasSize(32);
        JsonNode again =
                api.get("/api/v1/alerting/integrations/" + i.get("id").asLong()).json();
        assertThat(again.has("key")).isFalse();
        assertThat(again.get("keyHint").asString()).isEqualTo(key.substring(0, 4));
        String stored = jdbc.sql("select key_hash from alerting_integration where id = ?")
                .param(i.get("id").asLong())
                .query(String.class)
                .single();
        assertThat(stored).isEqualTo(IntegrationKeys.hash(key)).doesNotContain(key);
    }

    @Test
    void aSignedIntegrationNeedsTheHmacOfTheRawBodyAndItsSecretIsSealed() {
        JsonNode i = integration(SourceType.ALERTMANAGER, Map.of("signed", true, "routing", "NOTIFY_ONLY"));
        String secret = i.get("signingSecret").asString();
        String sealed = jdbc.sql("select hmac_secret from alerting_integration where id = ?")
                .param(i.get("id").asLong())
                .query(String.class)
                .single();
        assertThat(sealed).startsWith("v2:").doesNotContain(secret);
        String body = fixture("alertmanager-firing-4-alerts-vmalert.json");
        String path = "/webhooks/alertmanager/" + i.get("key").asString();
        assertThat(post(path, body).status()).isEqualTo(401);
        assertThat(post(path, body, Map.of("X-Kintsugi-Signature", "sha256=" + "0".repeat(64)))
                        .status())
                .isEqualTo(401);
        String signature = "sha256="
                + HexFormat.of().formatHex(IntegrationKeys.hmac(secret, body.getBytes(StandardCharsets.UTF_8)));
        assertThat(post(path, body, Map.of("X-Kintsugi-Signature", signature)).status())
                .isEqualTo(202);
        awaitGroups(i.get("id").asLong(), 1);
    }

    @Test
    void aSecretSealedByTheFormerSecretBoxStillWorksAndARotationReSealsItKeepingTheOldPairInGrace(CapturedOutput output)
            throws Exception {
        JsonNode i = integration(SourceType.ALERTMANAGER, Map.of("signed", true, "routing", "NOTIFY_ONLY"));
        long id = i.get("id").asLong();
        // what alerting's former SecretBox stored: v1, AES-GCM under the SHA-256 of kintsugi.secrets.key
        String formerSecret = IntegrationKeys.newSecret();
        jdbc.sql("update alerting_integration set hmac_secret = ? where id = ?")
                .param(formerSecretBoxSeal(formerSecret))
                .param(id)
                .update();
        directory.refresh();
        String body = fixture("alertmanager-firing-4-alerts-vmalert.json");
        String path = "/webhooks/alertmanager/" + i.get("key").asString();
        assertThat(post(path, body, Map.of("X-Kintsugi-Signature", signature(formerSecret, body)))
                        .status())
                .isEqualTo(202);
        awaitGroups(id, 1);

        ApiClient.Response rotated = api.post("/api/v1/alerting/integrations/" + id + "/rotate", null);
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        String fresh = rotated.json().get("signingSecret").asString();
        String freshKey = rotated.json().get("key").asString();
        assertThat(jdbc.sql("select hmac_secret from alerting_integration where id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .startsWith("v2:");
        String freshPath = "/webhooks/alertmanager/" + freshKey;
        assertThat(post(freshPath, body, Map.of("X-Kintsugi-Signature", signature(fresh, body)))
                        .status())
                .isEqualTo(202);
        assertThat(post(freshPath, body, Map.of("X-Kintsugi-Signature", signature(formerSecret, body)))
                        .status())
                .isEqualTo(401);
        // a sender not yet re-configured (the old key and its secret) loses nothing during the grace period
        assertThat(post(path, body, Map.of("X-Kintsugi-Signature", signature(formerSecret, body)))
                        .status())
                .isEqualTo(202);
        assertThat(post(path, body, Map.of("X-Kintsugi-Signature", signature(fresh, body)))
                        .status())
                .isEqualTo(401);
        await(() -> groups(id), g -> g.get(0).get("repeatCount").asInt() == 3, "the re-signed events");
        // neither keys nor secrets reach the log, even when refused
        assertThat(output.getAll())
                .doesNotContain(formerSecret)
                .doesNotContain(fresh)
                .doesNotContain(freshKey)
                .doesNotContain(i.get("key").asString())
                .doesNotContain(serverKey);
    }

    private static String signature(String secret, String body) {
        return "sha256="
                + HexFormat.of().formatHex(IntegrationKeys.hmac(secret, body.getBytes(StandardCharsets.UTF_8)));
    }

    private String formerSecretBoxSeal(String plain) throws Exception {
        byte[] key = MessageDigest.getInstance("SHA-256").digest(serverKey.getBytes(StandardCharsets.UTF_8));
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

    @Test
    void aRotatedKeyKeepsWorkingDuringItsGraceAndTheNewOneWorksAtOnce() {
        JsonNode i = integration(SourceType.ALERTMANAGER, Map.of("routing", "NOTIFY_ONLY"));
        String old = i.get("key").asString();
        ApiClient.Response r =
                api.post("/api/v1/alerting/integrations/" + i.get("id").asLong() + "/rotate", null);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        String fresh = r.json().get("key").asString();
        assertThat(fresh).isNotEqualTo(old);
        assertThat(r.json().get("previousKeyExpiresAt").asString()).isNotBlank();
        String body = fixture("alertmanager-firing-4-alerts-vmalert.json");
        assertThat(post("/webhooks/alertmanager/" + old, body).status()).isEqualTo(202);
        assertThat(post("/webhooks/alertmanager/" + fresh, body).status()).isEqualTo(202);
        await(
                () -> groups(i.get("id").asLong()),
                g -> g.size() == 1 && g.get(0).get("repeatCount").asInt() == 2,
                "both keys");
        // disabling stops every key at once
        assertThat(api.delete("/api/v1/alerting/integrations/" + i.get("id").asLong())
                        .status())
                .isEqualTo(204);
        assertThat(post("/webhooks/alertmanager/" + fresh, body).status()).isEqualTo(401);
    }

    @Test
    void opsgenieCreateAcknowledgeNoteAndCloseByAlias() {
        JsonNode i = integration(SourceType.OPSGENIE, Map.of("routing", "NOTIFY_ONLY"));
        Map<String, String> auth =
                Map.of("Authorization", "GenieKey " + i.get("key").asString());
        String alias = unique("og");
        Answer created = post(
                "/webhooks/opsgenie/v2/alerts",
                "{\"message\":\"Queue backlog\",\"alias\":\"" + alias + "\",\"priority\":\"P1\",\"tags\":[\"q\"],"
                        + "\"details\":{\"queue\":\"orders\"},\"entity\":\"orders\",\"source\":\"cron\"}",
                auth);
        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        assertThat(created.json().get("result").asString()).isEqualTo("Request will be processed");
        assertThat(created.json().has("took")).isTrue();
        assertThat(created.json().get("requestId").asString()).isNotBlank();
        JsonNode g = awaitGroups(i.get("id").asLong(), 1).get(0);
        assertThat(g.get("severity").asString()).isEqualTo("SEV1");
        assertThat(g.get("labels").get("queue").asString()).isEqualTo("orders");
        long id = g.get("id").asLong();
        String base = "/webhooks/opsgenie/v2/alerts/" + alias;
        assertThat(post(base + "/acknowledge?identifierType=alias", "{\"user\":\"ops\"}", auth)
                        .status())
                .isEqualTo(202);
        assertThat(post(base + "/notes?identifierType=alias", "{\"note\":\"looking\"}", auth)
                        .status())
                .isEqualTo(202);
        assertThat(post(base + "/close?identifierType=alias", "{}", auth).status())
                .isEqualTo(202);
        await(() -> group(id), d -> d.get("group").get("status").asString().equals("RESOLVED"), "closed");
        assertThat(group(id).get("occurrences").toString()).contains("looking");

        Answer empty = post("/webhooks/opsgenie/v2/alerts", "{\"alias\":\"x\"}", auth);
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.json().get("errors").get("message").asString()).isEqualTo("Message can not be empty.");
        Answer wrong =
                post("/webhooks/opsgenie/v2/alerts", "{\"message\":\"m\"}", Map.of("Authorization", "GenieKey nope"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("message").asString()).isEqualTo("Could not authenticate");
    }

    @Test
    void genericJsonIsReadThroughItsMappingWhichCanBePreviewed() {
        String mapping = "{\"dedupKey\":\"$.check.id\",\"title\":\"$['check']['name']\",\"severity\":\"$.level\","
                + "\"status\":\"$.state\",\"labels\":\"$.tags\",\"resolvedValues\":[\"ok\"]}";
        String sample =
                "{\"check\":{\"id\":\"c-1\",\"name\":\"Disk full\"},\"level\":\"critical\",\"state\":\"alerting\","
                        + "\"tags\":{\"host\":\"db-1\"}}";
        ApiClient.Response preview =
                api.post("/api/v1/alerting/integrations/mapping-preview", Map.of("mapping", mapping, "sample", sample));
        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        assertThat(preview.json().get("dedupKey").asString()).isEqualTo("c-1");
        assertThat(preview.json().get("title").asString()).isEqualTo("Disk full");
        assertThat(preview.json().get("action").asString()).isEqualTo("TRIGGER");
        assertThat(preview.json().get("labels").get("host").asString()).isEqualTo("db-1");
        ApiClient.Response badPath = api.post(
                "/api/v1/alerting/integrations/mapping-preview",
                Map.of("mapping", "{\"dedupKey\":\"$..x\",\"title\":\"$.t\"}", "sample", sample));
        assertThat(badPath.status()).isEqualTo(400);
        assertThat(badPath.json().get("field").asString()).isEqualTo("mapping.dedupKey");

        JsonNode i = integration(SourceType.GENERIC, Map.of("mapping", mapping, "routing", "NOTIFY_ONLY"));
        String path = "/webhooks/generic/" + i.get("key").asString();
        assertThat(post(path, sample).status()).isEqualTo(202);
        long id = awaitGroups(i.get("id").asLong(), 1).get(0).get("id").asLong();
        assertThat(post(path, sample.replace("alerting", "ok")).status()).isEqualTo(202);
        await(() -> group(id), d -> d.get("group").get("status").asString().equals("RESOLVED"), "resolved");
        Answer missing = post(path, "{\"check\":{\"name\":\"no id\"}}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("field").asString()).isEqualTo("dedupKey");
    }

    @Autowired
    dev.kintsugi.platform.AdjustableClock clock;

    @Autowired
    AlertIntake intake;

    @Test
    void idsOfEventsAppliedLongAgoAreForgotten() {
        JsonNode i = integration(SourceType.ALERTMANAGER, Map.of("routing", "NOTIFY_ONLY"));
        String answer = post(
                        "/webhooks/alertmanager/" + i.get("key").asString(),
                        fixture("alertmanager-firing-4-alerts-vmalert.json"))
                .json()
                .get("requestId")
                .asString();
        awaitGroups(i.get("id").asLong(), 1);
        String count = "select count(*) from alerting_processed_event where event_id = ?";
        assertThat(jdbc.sql(count).param(answer).query(Long.class).single()).isEqualTo(1);
        tx.executeWithoutResult(s -> intake.forgetOldEventIds());
        assertThat(jdbc.sql(count).param(answer).query(Long.class).single())
                .as("a week has not passed")
                .isEqualTo(1);
        // eight days later (on this thread only: the shared clock is not moved)
        clock.runAt(
                java.time.Instant.now().plus(java.time.Duration.ofDays(8)),
                () -> tx.executeWithoutResult(s -> intake.forgetOldEventIds()));
        assertThat(jdbc.sql(count).param(answer).query(Long.class).single()).isZero();
    }

    @Test
    void bodiesOverTheLimitAre413() {
        JsonNode i = integration(SourceType.ALERTMANAGER, Map.of());
        String huge = "{\"x\":\"" + "a".repeat(1_100_000) + "\"}";
        assertThat(post("/webhooks/alertmanager/" + i.get("key").asString(), huge)
                        .status())
                .isEqualTo(413);
    }
}
