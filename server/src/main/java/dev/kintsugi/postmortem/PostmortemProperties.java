package dev.kintsugi.postmortem;

import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Post-mortem settings ({@code kintsugi.postmortem.*}).
 *
 * @param requiredFor incident severities whose closing needs a published post-mortem
 * @param maxImageBytes largest image upload accepted
 * @param maxImagePixels largest image accepted, in pixels (width × height, read from the header before decoding)
 * @param requiredApprovals reviewers' approvals of the current revision needed to publish (0: none)
 */
@ConfigurationProperties("kintsugi.postmortem")
public record PostmortemProperties(
        @DefaultValue({"SEV1", "SEV2", "SEV3"}) Set<String> requiredFor,
        @DefaultValue("2097152") int maxImageBytes,
        @DefaultValue("25000000") long maxImagePixels,
        @DefaultValue("1") int requiredApprovals) {}
