package dev.kintsugi.postmortem;

import java.time.Instant;

/** An image attached to a post-mortem (a graph, a screenshot). {@code data} is only loaded to serve it. */
public record Image(
        long id,
        String filename,
        String contentType,
        int sizeBytes,
        String uploadedBy,
        Instant uploadedAt,
        byte[] data) {

    /** Recognises PNG, JPEG, GIF and WebP by their first bytes; whatever the client claimed does not count. */
    public static String sniff(byte[] data) {
        if (data.length >= 8 && (data[0] & 0xFF) == 0x89 && data[1] == 'P' && data[2] == 'N' && data[3] == 'G') {
            return "image/png";
        }
        if (data.length >= 3 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xD8 && (data[2] & 0xFF) == 0xFF) {
            return "image/jpeg";
        }
        if (data.length >= 6 && data[0] == 'G' && data[1] == 'I' && data[2] == 'F' && data[3] == '8') {
            return "image/gif";
        }
        if (data.length >= 12
                && data[0] == 'R'
                && data[1] == 'I'
                && data[2] == 'F'
                && data[3] == 'F'
                && data[8] == 'W'
                && data[9] == 'E'
                && data[10] == 'B'
                && data[11] == 'P') {
            return "image/webp";
        }
        return null;
    }
}
