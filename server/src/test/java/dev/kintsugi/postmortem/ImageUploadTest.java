package dev.kintsugi.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.platform.Role;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Issue 9, item 9: uploads are decoded in full and stored re-encoded, so what is served is an image and only an
 * image; a wrong type is 415, a decompression bomb is refused from its header, and an oversized upload is a 413
 * problem from the API and the page again with a message from the web form.
 */
@ExtendWith(OutputCaptureExtension.class)
class ImageUploadTest extends PostmortemFixtures {
    private String author;
    private long id;
    private String token;

    @BeforeEach
    void setUp() {
        author = responder();
        id = as(author, Role.RESPONDER, () -> drafts.start(Origin.NEAR_MISS, "Disk nearly full", "SEV4", false))
                .id();
        token = tx.execute(s -> tokens.create(author, "upload", null).value());
    }

    @Test
    void realImagesAreStoredReEncodedAndServedAsImages() throws Exception {
        for (String format : new String[] {"png", "jpeg", "gif"}) {
            var r = upload("graph." + format, image(format, 40, 30));
            assertThat(r.statusCode()).as(format + ": " + r.body()).isEqualTo(201);
            assertThat(r.body()).contains("\"contentType\":\"image/" + format + "\"");
            byte[] served = served(r.body());
            BufferedImage back = ImageIO.read(new ByteArrayInputStream(served));
            assertThat(back.getWidth()).isEqualTo(40);
            assertThat(back.getHeight()).isEqualTo(30);
        }
    }

    @Test
    void aBareSignatureHtmlAndSvgAreRefusedWith415() throws Exception {
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
        for (byte[] bad : new byte[][] {
            signature,
            Arrays.copyOf(signature, 64),
            "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8),
            "<svg onload=alert(1)></svg>".getBytes(StandardCharsets.UTF_8)
        }) {
            var r = upload("x.png", bad);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(415);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(r.body()).contains("\"field\":\"file\"");
        }
        assertThat(images()).isEqualTo("[]");
    }

    @Test
    void aPngWithHtmlAppendedIsNeutralised() throws Exception {
        byte[] polyglot = concat(
                image("png", 20, 20),
                "<html><body><script>alert(document.domain)</script></body></html>".getBytes(StandardCharsets.UTF_8));
        var r = upload("graph.png", polyglot);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String stored = new String(served(r.body()), StandardCharsets.ISO_8859_1);
        assertThat(stored).doesNotContain("<script", "<html", "alert(");
    }

    @Test
    void aGifJavascriptPolyglotIsNeutralised() throws Exception {
        // GIF89a/*...*/=alert(1); — a valid GIF whose width bytes open a JS comment (10799 px = "/*").
        byte[] gif = image("gif", 0x2A2F, 1);
        assertThat(new String(gif, 0, 8, StandardCharsets.ISO_8859_1)).isEqualTo("GIF89a/*");
        byte[] polyglot = concat(gif, "*/=alert(document.domain);//".getBytes(StandardCharsets.ISO_8859_1));
        var r = upload("cat.gif", polyglot);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String stored = new String(served(r.body()), StandardCharsets.ISO_8859_1);
        assertThat(stored).doesNotContain("alert(");
    }

    @Test
    void aDecompressionBombIsRefusedFromItsHeaderBeforeDecoding() throws Exception {
        byte[] png = image("png", 16, 16);
        // Claim 100000 x 100000 pixels in IHDR (bytes 16..23), with a correct CRC.
        ByteBuffer b = ByteBuffer.wrap(png);
        b.putInt(16, 100_000).putInt(20, 100_000);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        b.putInt(29, (int) crc.getValue());
        var r = upload("bomb.png", png);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("\"field\":\"file\"", "pixels");
    }

    @Test
    void anOversizedUploadIsA413ProblemFromTheApi() throws Exception {
        var r = upload("huge.png", Arrays.copyOf(image("png", 8, 8), 7 * 1024 * 1024));
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        var big = upload("big.png", Arrays.copyOf(image("png", 8, 8), 3 * 1024 * 1024));
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(big.body()).contains("limitBytes");
    }

    @Test
    void anOversizedUploadFromThePageShowsThePageAgainWithAMessage(CapturedOutput output) {
        var page = MultipartPage.loggedIn(baseUrl(), author, "password-" + author);
        String view = "/postmortems/" + id;
        for (int mib : new int[] {3, 7}) {
            var r = page.upload(view, view + "/images", "huge.png", new byte[mib * 1024 * 1024]);
            assertThat(r.status()).as(mib + " MiB: " + r.body()).isEqualTo(302);
            assertThat(r.location()).endsWith(view);
            var shown = page.get(view);
            assertThat(shown.status()).isEqualTo(200);
            assertThat(shown.body()).contains("id=\"action-error\"").contains("KiB");
        }
        var wrong = page.upload(view, view + "/images", "x.png", "<svg onload=alert(1)></svg>".getBytes());
        assertThat(wrong.status()).isEqualTo(302);
        assertThat(page.get(view).body()).contains("id=\"action-error\"", "PNG, JPEG");
        assertThat(output.getAll()).doesNotContain(" ERROR ");
    }

    private static byte[] image(String format, int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, w / 2 + 1, h);
        g.dispose();
        var out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(img, format, out)).isTrue();
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private byte[] served(String uploadAnswer) throws Exception {
        String url = ApiClientJson.field(uploadAnswer, "url");
        return MultipartPage.loggedIn(baseUrl(), author, "password-" + author).bytes(url);
    }

    private String images() throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/postmortems/" + id + "/images"))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private HttpResponse<String> upload(String filename, byte[] data) throws IOException, InterruptedException {
        String boundary = "----kintsugi" + UUID.randomUUID();
        var out = new ByteArrayOutputStream();
        out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.write(data);
        out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/postmortems/" + id + "/images"))
                                .header("Authorization", "Bearer " + token)
                                .header("Accept", "application/json")
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    /** Reads one string field of a JSON answer. */
    private static final class ApiClientJson {
        static String field(String json, String name) {
            return dev.kintsugi.support.ApiClient.JSON.readTree(json).get(name).asString();
        }
    }
}
