package dev.kintsugi.postmortem.web;

import dev.kintsugi.postmortem.Comment;
import dev.kintsugi.postmortem.Image;
import dev.kintsugi.postmortem.PostmortemComments;
import dev.kintsugi.postmortem.PostmortemImages;
import dev.kintsugi.postmortem.PostmortemProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** A post-mortem's comments and images: written once, never edited. VIEWER reads, RESPONDER adds. */
@RestController
@RequestMapping("/api/v1/postmortems/{id}")
@Tag(name = "Post-mortems", description = "Blameless reviews: write, review, publish")
class PostmortemAttachmentApiController {
    private static final String READ = "hasRole('VIEWER')";
    private static final String WRITE = "hasRole('RESPONDER')";

    private final PostmortemComments comments;
    private final PostmortemImages images;
    private final PostmortemProperties properties;

    PostmortemAttachmentApiController(
            PostmortemComments comments, PostmortemImages images, PostmortemProperties properties) {
        this.comments = comments;
        this.images = images;
        this.properties = properties;
    }

    record CommentRequest(
            @Size(max = 40) String field,
            @NotBlank @Size(max = 10_000) String body) {}

    record ImageResponse(long id, String filename, String contentType, int sizeBytes, String url) {
        static ImageResponse of(long postmortemId, Image i) {
            return new ImageResponse(
                    i.id(),
                    i.filename(),
                    i.contentType(),
                    i.sizeBytes(),
                    "/postmortems/" + postmortemId + "/images/" + i.id());
        }
    }

    @GetMapping("/comments")
    @PreAuthorize(READ)
    @Operation(summary = "Reviewers' comments, oldest first")
    List<Comment> comments(@PathVariable long id) {
        return comments.comments(id);
    }

    @PostMapping("/comments")
    @PreAuthorize(WRITE)
    @Operation(summary = "A reviewer's comment, optionally on one field")
    ResponseEntity<Comment> comment(@PathVariable long id, @Valid @RequestBody CommentRequest r) {
        return ResponseEntity.status(201).body(comments.comment(id, r.field(), r.body()));
    }

    @GetMapping("/images")
    @PreAuthorize(READ)
    @Operation(summary = "The images attached to a post-mortem")
    List<ImageResponse> images(@PathVariable long id) {
        return images.images(id).stream().map(i -> ImageResponse.of(id, i)).toList();
    }

    @PostMapping(path = "/images", consumes = "multipart/form-data")
    @PreAuthorize(WRITE)
    @Operation(
            summary =
                    "Upload an image (PNG, JPEG, GIF, WebP; size-limited: 413 above kintsugi.postmortem.max-image-bytes)")
    ResponseEntity<ImageResponse> upload(@PathVariable long id, @RequestParam("file") MultipartFile file)
            throws IOException {
        Image image = images.addImage(id, file.getOriginalFilename(), file.getBytes(), properties.maxImageBytes());
        return ResponseEntity.created(URI.create("/postmortems/" + id + "/images/" + image.id()))
                .body(ImageResponse.of(id, image));
    }
}
