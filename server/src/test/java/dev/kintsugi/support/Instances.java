package dev.kintsugi.support;

import dev.kintsugi.KintsugiApplication;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Whole Kintsugi servers of a test's own, on a free port each, sharing one {@link OwnDatabase} (several instances
 * of one cluster). {@link #close()} stops them all.
 */
public final class Instances implements AutoCloseable {
    private final List<ConfigurableApplicationContext> started = new ArrayList<>();
    private final OwnDatabase db;

    public Instances(OwnDatabase db) {
        this.db = db;
    }

    /** Starts one more instance, with the test profile and these extra settings ({@code --name=value}). */
    public ConfigurableApplicationContext start(String name, String... settings) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(),
                "--spring.application.name=" + name));
        args.addAll(List.of(settings));
        // command-line arguments: above application.yml, unlike default properties
        ConfigurableApplicationContext context = new SpringApplicationBuilder(KintsugiApplication.class)
                .profiles("test")
                .run(args.toArray(String[]::new));
        started.add(context);
        return context;
    }

    /** The address an instance serves on. */
    public static String baseUrl(ConfigurableApplicationContext context) {
        return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    }

    @Override
    public void close() {
        for (ConfigurableApplicationContext c : started.reversed()) {
            c.close();
        }
        started.clear();
    }
}
