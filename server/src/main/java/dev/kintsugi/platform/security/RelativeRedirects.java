package dev.kintsugi.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.security.web.DefaultRedirectStrategy;

/**
 * Redirects that never name a host: an absolute URL built from the request (a saved request, say) is cut to its
 * path and query, so a forged {@code Host} header can never send a browser to another site. The browser resolves
 * the path against the address it used.
 */
class RelativeRedirects extends DefaultRedirectStrategy {
    @Override
    public void sendRedirect(HttpServletRequest request, HttpServletResponse response, String url) throws IOException {
        super.sendRedirect(request, response, relative(url));
    }

    static String relative(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return "/";
        }
        if (!uri.isAbsolute() && uri.getRawAuthority() == null) {
            return url;
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }
}
