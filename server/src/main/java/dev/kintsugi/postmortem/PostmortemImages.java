package dev.kintsugi.postmortem;

import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.platform.PayloadTooLargeException;
import dev.kintsugi.postmortem.persistence.PostmortemImageRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Images attached to a post-mortem (graphs, screenshots): decoded, re-encoded, size-limited, immutable. */
@Service
@Transactional
public class PostmortemImages {
    private final PostmortemImageRepository repo;
    private final PostmortemAccess access;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final PostmortemProperties properties;

    PostmortemImages(
            PostmortemImageRepository repo,
            PostmortemAccess access,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock,
            PostmortemProperties properties) {
        this.properties = properties;
        this.repo = repo;
        this.access = access;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Stores an image: refused above {@code maxBytes} (413), when it is not a PNG, JPEG or GIF that decodes in
     * full (415; SVG and WebP included), or above {@code kintsugi.postmortem.max-image-pixels} (400). What is
     * stored is a copy re-encoded by the server, so nothing but the picture survives.
     */
    public Image addImage(long id, String filename, byte[] data, int maxBytes) {
        PostmortemRefs refs = access.refs(id);
        if (data == null || data.length == 0) {
            throw new InvalidInputException("file", "postmortem.validation.emptyFile", "the file is empty");
        }
        if (data.length > maxBytes) {
            throw new PayloadTooLargeException(
                    "Images are limited to " + (maxBytes / 1024) + " KiB; this one is " + (data.length / 1024) + " KiB",
                    maxBytes);
        }
        ImageSanitizer.Sanitized image = ImageSanitizer.sanitize(data, properties.maxImagePixels());
        String type = image.contentType();
        String name = PostmortemInput.blank(filename) ? "image" : filename.replaceAll("[^A-Za-z0-9._ -]", "_");
        name = name.length() > 200 ? name.substring(0, 200) : name;
        String actor = Actor.current();
        Instant now = clock.instant();
        long imageId = repo.add(id, name, type, image.data(), actor, now);
        audit.record(
                "postmortem.image-added",
                "postmortem",
                "PM-" + id,
                "Image " + name + " on PM-" + id,
                null,
                Map.of(
                        "image",
                        imageId,
                        "bytes",
                        image.data().length,
                        "type",
                        type,
                        "width",
                        image.width(),
                        "height",
                        image.height()));
        events.publishEvent(new PostmortemImageAdded(refs, imageId, name, type, image.data().length, actor, now));
        return repo.images(id).stream()
                .filter(i -> i.id() == imageId)
                .findFirst()
                .orElseThrow();
    }

    @Transactional(readOnly = true)
    public List<Image> images(long id) {
        access.visibleRow(id);
        return repo.images(id);
    }

    @Transactional(readOnly = true)
    public Image image(long id, long imageId) {
        access.visibleRow(id);
        return repo.image(id, imageId).orElseThrow(() -> new NotFoundException("Image", imageId));
    }
}
