package dev.kintsugi.statuspage;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Status page settings ({@code kintsugi.statuspage.*}).
 *
 * @param name the page's title (the company or product name)
 * @param logoUrl an https or same-origin ({@code /img/...}) image shown next to the name; none when blank
 * @param accentColour the header's background ({@code #rrggbb}); white text must read on it at 4.5:1 (WCAG 2.1 AA),
 *     else the application refuses to start
 * @param cacheTtl how long a rendered page is reused at most (a change drops it at once on this instance and,
 *     through the cluster change log, on the others; this bounds what time alone changes)
 * @param retryBackoff the wait before a failed delivery (e-mail, webhook) is tried again; it doubles each time
 * @param publicUrl the address customers reach Kintsugi's public pages at, for feeds, e-mails and webhooks
 *     (default: {@code kintsugi.base-url})
 */
@ConfigurationProperties("kintsugi.statuspage")
public record StatusPageProperties(
        String name, String logoUrl, String accentColour, Duration cacheTtl, Duration retryBackoff, String publicUrl) {
    static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");
    static final Pattern LOGO = Pattern.compile("(https://[^\\s\"'<>]+|/[^/\\s\"'<>][^\\s\"'<>]*)");

    public StatusPageProperties {
        name = name == null || name.isBlank() ? "Kintsugi" : name.strip();
        logoUrl = logoUrl == null || logoUrl.isBlank() ? null : logoUrl.strip();
        if (logoUrl != null && !LOGO.matcher(logoUrl).matches()) {
            throw new IllegalArgumentException("kintsugi.statuspage.logo-url must be an https:// or /path address");
        }
        accentColour = accentColour == null || accentColour.isBlank() ? "#1f2937" : accentColour.strip();
        if (!COLOUR.matcher(accentColour).matches()) {
            throw new IllegalArgumentException("kintsugi.statuspage.accent-colour must be #rrggbb");
        }
        if (contrast(accentColour, "#ffffff") < 4.5) {
            throw new IllegalArgumentException("kintsugi.statuspage.accent-colour " + accentColour
                    + " is too light: white text on it must reach a contrast of 4.5:1 (WCAG 2.1 AA)");
        }
        accentColour = accentColour.toLowerCase(Locale.ROOT);
        cacheTtl = cacheTtl == null || cacheTtl.isNegative() ? Duration.ofSeconds(30) : cacheTtl;
        retryBackoff = retryBackoff == null || !retryBackoff.isPositive() ? Duration.ofSeconds(30) : retryBackoff;
        publicUrl = publicUrl == null || publicUrl.isBlank()
                ? null
                : publicUrl.strip().replaceAll("/+$", "");
    }

    /** The public base address: {@code publicUrl}, else Kintsugi's own. */
    public String base(dev.kintsugi.platform.KintsugiProperties kintsugi) {
        return publicUrl != null ? publicUrl : kintsugi.baseUrl().replaceAll("/+$", "");
    }

    /** The origin of an absolute logo address, for the page's Content-Security-Policy (null when same-origin). */
    public String logoOrigin() {
        if (logoUrl == null || !logoUrl.startsWith("https://")) {
            return null;
        }
        int end = logoUrl.indexOf('/', "https://".length());
        return end < 0 ? logoUrl : logoUrl.substring(0, end);
    }

    /** WCAG 2.1 contrast ratio of two {@code #rrggbb} colours. */
    public static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    static double luminance(String hex) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        return 0.2126 * channel((rgb >> 16) & 0xff)
                + 0.7152 * channel((rgb >> 8) & 0xff)
                + 0.0722 * channel(rgb & 0xff);
    }

    private static double channel(int c) {
        double s = c / 255.0;
        return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    }
}
