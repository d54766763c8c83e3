package dev.kintsugi.proxy.toxics;

import dev.kintsugi.proxy.ToxicSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * For HTTP/1.1 on the upstream stream: answers a share ({@code probability}) of requests itself with {@code
 * status_code} and {@code body}, and never forwards them; the others go through untouched. Requests are
 * delimited by their headers and {@code Content-Length}; a forwarded chunked request ends the inspection for
 * that connection, an answered one is answered with {@code Connection: close}. Meant for clients that wait for
 * each response before the next request (no pipelining), which is what HTTP/1.1 clients do in practice.
 */
public final class HttpErrorToxic implements Toxic {
    private static final int MAX_HEAD = 64 * 1024;
    private static final int BLANK_LINE = 0x0d0a0d0a;

    private final int status;
    private final double probability;
    private final byte[] body;
    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private ToxicContext context;
    private int lastFour;
    private long bodyRemaining;
    private boolean dropping;
    private boolean passthrough;

    public HttpErrorToxic(ToxicSpec spec) {
        this.status = (int) spec.longAttribute("status_code");
        this.probability = spec.doubleAttribute("probability");
        String text = spec.textAttribute("body");
        this.body = (text.isEmpty() ? "kintsugi-proxy: injected HTTP " + status + "\n" : text)
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void attach(ToxicContext context) {
        this.context = context;
    }

    @Override
    public void data(Chunk chunk, Next next) throws IOException, InterruptedException {
        int pos = 0;
        while (pos < chunk.length()) {
            if (passthrough) {
                next.data(chunk.slice(pos, chunk.length()));
                return;
            }
            if (bodyRemaining > 0) {
                int n = (int) Math.min(bodyRemaining, chunk.length() - pos);
                if (!dropping) {
                    next.data(chunk.slice(pos, pos + n));
                }
                bodyRemaining -= n;
                pos += n;
                continue;
            }
            pos = readHead(chunk, pos, next);
        }
    }

    /** Collects header bytes up to the blank line, then decides; returns the position after what it used. */
    private int readHead(Chunk chunk, int pos, Next next) throws IOException, InterruptedException {
        byte[] data = chunk.data();
        int start = chunk.offset() + pos;
        int limit = chunk.offset() + chunk.length();
        for (int i = start; i < limit; i++) {
            head.write(data[i]);
            lastFour = (lastFour << 8) | (data[i] & 0xff);
            if (lastFour == BLANK_LINE) {
                lastFour = 0;
                decide(next);
                return i + 1 - chunk.offset();
            }
            if (head.size() > MAX_HEAD) {
                passthrough = true;
                forwardHead(next, chunk.readNanos());
                return i + 1 - chunk.offset();
            }
        }
        return chunk.length();
    }

    private void decide(Next next) throws IOException, InterruptedException {
        String text = head.toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        boolean chunked = text.contains("\ntransfer-encoding:") && text.contains("chunked");
        bodyRemaining = contentLength(text);
        boolean fire = probability >= 1.0 || ThreadLocalRandom.current().nextDouble() < probability;
        if (fire) {
            dropping = true;
            head.reset();
            context.replyToClient(ByteBuffer.wrap(response(chunked)));
            if (chunked) {
                context.close();
            }
        } else {
            dropping = false;
            forwardHead(next, System.nanoTime());
            passthrough = chunked;
        }
    }

    private void forwardHead(Next next, long readNanos) throws IOException, InterruptedException {
        byte[] bytes = head.toByteArray();
        head.reset();
        next.data(new Chunk(bytes, 0, bytes.length, readNanos));
    }

    private static long contentLength(String head) {
        int at = head.indexOf("\ncontent-length:");
        if (at < 0) {
            return 0;
        }
        int end = head.indexOf('\r', at + 1);
        try {
            return Long.parseLong(
                    head.substring(at + "\ncontent-length:".length(), end).trim());
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private byte[] response(boolean close) {
        String headers = "HTTP/1.1 " + status + " " + reason(status) + "\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "X-Kintsugi-Fault: http_error\r\n"
                + (close ? "Connection: close\r\n" : "")
                + "\r\n";
        byte[] h = headers.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 408 -> "Request Timeout";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Injected";
        };
    }
}
