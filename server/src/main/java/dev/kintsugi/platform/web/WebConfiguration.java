package dev.kintsugi.platform.web;

import dev.kintsugi.platform.UserAccount;
import dev.kintsugi.platform.UserManagement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;

/** The viewer's language (profile setting, else the browser's); the clock is {@code platform.ClockConfiguration}. */
@Configuration
class WebConfiguration implements WebMvcConfigurer {
    static final Locale FRENCH = Locale.FRENCH;

    @Bean
    LocaleResolver localeResolver(UserManagement users) {
        return new ProfileLocaleResolver(users);
    }

    /** Tomcat's own refusals (a {@code %00} in the path) answer as the product does, see RejectedUrlReports. */
    @Bean
    org.springframework.boot.web.server.WebServerFactoryCustomizer<
                    org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory>
            rejectedUrlReports() {
        return factory -> factory.addContextCustomizers(context -> RejectedUrlReports.install(context.getParent()));
    }

    @Override
    public void addFormatters(org.springframework.format.FormatterRegistry registry) {
        DateFormatters.register(registry);
    }

    /**
     * Static files under their own prefixes only ({@code spring.web.resources.add-mappings: false} drops Boot's
     * catch-all {@code /**}): Thymeleaf passes every {@code @{...}} link through the resource URL encoder, which
     * looked each one up as a file in the jar when {@code /**} was a resource pattern (a miss is not cached): 40 %
     * of the insights page's time. Webjars keep their version-less URLs.
     */
    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        for (String dir : new String[] {"css", "js", "img"}) {
            registry.addResourceHandler("/" + dir + "/**")
                    .addResourceLocations("classpath:/static/" + dir + "/")
                    .resourceChain(true);
        }
        registry.addResourceHandler("/webjars/**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/")
                .resourceChain(true)
                .addResolver(new LiteWebJarsResourceResolver());
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor lang = new LocaleChangeInterceptor();
        lang.setParamName("lang");
        registry.addInterceptor(lang);
    }

    /**
     * Pages: the profile's language wins, else Accept-Language (English or French); {@code ?lang=} for this
     * request. The API ({@code /api/**}): the request's Accept-Language wins (a client asks for its language), else
     * the account's, else English.
     */
    static class ProfileLocaleResolver extends AcceptHeaderLocaleResolver {
        private final UserManagement users;

        ProfileLocaleResolver(UserManagement users) {
            this.users = users;
            setSupportedLocales(java.util.List.of(Locale.ENGLISH, FRENCH));
            setDefaultLocale(Locale.ENGLISH);
        }

        @Override
        public Locale resolveLocale(HttpServletRequest request) {
            Object chosen = request.getAttribute(ProfileLocaleResolver.class.getName());
            if (chosen instanceof Locale l) {
                return l;
            }
            if (request.getHeader("Accept-Language") != null
                    && request.getRequestURI().startsWith("/api/")) {
                return super.resolveLocale(request);
            }
            return users.viewer()
                    .map(UserAccount::locale)
                    .map(Locale::forLanguageTag)
                    .orElseGet(() -> super.resolveLocale(request));
        }

        @Override
        public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
            request.setAttribute(ProfileLocaleResolver.class.getName(), locale);
        }
    }
}
