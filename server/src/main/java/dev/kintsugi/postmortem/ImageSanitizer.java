package dev.kintsugi.postmortem;

import dev.kintsugi.platform.InvalidInputException;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Turns an upload into an image that is only an image. The file is decoded in full with the JDK's ImageIO (its
 * dimensions read from the header first, so a decompression bomb is refused before any pixel is decoded) and
 * encoded again in its own format: whatever else the file carried (an HTML page after the PNG, a script in a
 * GIF polyglot, metadata) is gone. Only PNG, JPEG and GIF are accepted; an animated GIF keeps its first frame.
 */
final class ImageSanitizer {
    /** The stored copy. */
    record Sanitized(String contentType, byte[] data, int width, int height) {}

    private ImageSanitizer() {}

    static Sanitized sanitize(byte[] upload, long maxPixels) {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(upload))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw unsupported();
            }
            ImageReader reader = readers.next();
            try {
                String format = format(reader.getFormatName());
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0) {
                    throw unsupported();
                }
                if ((long) width * height > maxPixels) {
                    throw new InvalidInputException(
                            "file",
                            "postmortem.validation.imagePixels",
                            "images are limited to " + maxPixels + " pixels; this one is " + width + " × " + height,
                            maxPixels,
                            width,
                            height);
                }
                BufferedImage image = reader.read(0);
                return new Sanitized("image/" + format, encode(image, format), width, height);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException || e instanceof UnsupportedImageException) {
                throw (RuntimeException) e;
            }
            throw unsupported();
        }
    }

    private static String format(String readerFormat) {
        return switch (readerFormat.toLowerCase(Locale.ROOT)) {
            case "png" -> "png";
            case "jpeg", "jpg" -> "jpeg";
            case "gif" -> "gif";
            default -> throw unsupported();
        };
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        BufferedImage source = image;
        if (format.equals("jpeg") && image.getType() != BufferedImage.TYPE_INT_RGB) {
            source = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = source.createGraphics();
            g.drawImage(image, 0, 0, null);
            g.dispose();
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (format.equals("jpeg")) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(0.9f);
            }
            writer.write(null, new IIOImage(source, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static UnsupportedImageException unsupported() {
        return new UnsupportedImageException(
                "file", "only PNG, JPEG and GIF images are accepted, and this file is not one that can be read");
    }
}
