package dev.kintsugi.postmortem.web;

import dev.kintsugi.postmortem.PostmortemProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.SessionFlashMapManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses an image upload that is obviously too large (its {@code Content-Length} is over the image limit plus
 * room for the form's other parts) before anything reads its body: the servlet container would otherwise
 * refuse it while Spring Security reads the CSRF token, answering its own HTML 413 page and logging an ERROR.
 * The page form gets the post-mortem page again with the message; the API a 413 problem detail. Smaller
 * uploads go on to the facade, which applies the same limit exactly.
 */
@Configuration(proxyBeanMethods = false)
class ImageUploadLimitFilter {
    static final int FORM_OVERHEAD = 64 * 1024;
    private static final Pattern PAGE = Pattern.compile("/postmortems/(\\d{1,18})/images");
    private static final Pattern API = Pattern.compile("/api/v1/postmortems/(\\d{1,18})/images");

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> imageUploadLimit(PostmortemProperties properties, JsonMapper json) {
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(new Limit(properties, json));
        registration.addUrlPatterns("/postmortems/*", "/api/v1/postmortems/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    static final class Limit extends OncePerRequestFilter {
        private final PostmortemProperties properties;
        private final JsonMapper json;

        Limit(PostmortemProperties properties, JsonMapper json) {
            this.properties = properties;
            this.json = json;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            long length = request.getContentLengthLong();
            String path =
                    request.getRequestURI().substring(request.getContextPath().length());
            if (!"POST".equals(request.getMethod()) || length <= (long) properties.maxImageBytes() + FORM_OVERHEAD) {
                chain.doFilter(request, response);
                return;
            }
            Matcher page = PAGE.matcher(path);
            Matcher api = API.matcher(path);
            String message = "Images are limited to " + (properties.maxImageBytes() / 1024) + " KiB; this one is "
                    + (length / 1024) + " KiB";
            if (api.matches()) {
                Map<String, Object> problem = new LinkedHashMap<>();
                problem.put("type", "about:blank");
                problem.put("title", "Too large");
                problem.put("status", HttpStatus.CONTENT_TOO_LARGE.value());
                problem.put("detail", message);
                problem.put("instance", path);
                problem.put("field", "file");
                problem.put("limitBytes", properties.maxImageBytes());
                response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.getOutputStream().write(json.writeValueAsBytes(problem));
            } else if (page.matches()) {
                String target = "/postmortems/" + page.group(1);
                FlashMap flash = new FlashMap();
                flash.put("error", message);
                flash.setTargetRequestPath(request.getContextPath() + target);
                new SessionFlashMapManager().saveOutputFlashMap(flash, request, response);
                response.sendRedirect(request.getContextPath() + target);
            } else {
                chain.doFilter(request, response);
            }
        }
    }
}
