package dev.kintsugi.proxy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar kintsugi-proxy.jar [--host 127.0.0.1] [--port 8474] [--config proxies.json] [--allowed-hosts
 * a,b]}; {@value #ALLOWED_HOSTS_ENV} adds allowed hosts too.
 */
public final class Main {
    /** Comma-separated hosts the admin API answers to besides the defaults (see {@link AdminAccess}). */
    static final String ALLOWED_HOSTS_ENV = "KINTSUGI_PROXY_ALLOWED_HOSTS";

    private static final String USAGE = "usage: java -jar kintsugi-proxy.jar [--host 127.0.0.1] [--port 8474]"
            + " [--config proxies.json] [--allowed-hosts host,host]  (env " + ALLOWED_HOSTS_ENV + ": more hosts)";

    private Main() {}

    public static void main(String[] args) throws Exception {
        String host = "127.0.0.1";
        int port = 8474;
        Path config = null;
        List<String> allowedHosts = new ArrayList<>(split(System.getenv(ALLOWED_HOSTS_ENV)));
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (arg) {
                case "--host", "-host" -> host = required(arg, value);
                case "--port", "-port" -> port = Integer.parseInt(required(arg, value));
                case "--config", "-config" -> config = Path.of(required(arg, value));
                case "--allowed-hosts" -> allowedHosts.addAll(split(required(arg, value)));
                case "--help", "-h" -> {
                    System.out.println(USAGE);
                    return;
                }
                default -> fail("unknown argument " + arg);
            }
            i++;
        }
        KintsugiProxy proxy = new KintsugiProxy(host, port).allowHosts(allowedHosts);
        try {
            proxy.start();
            if (config != null) {
                proxy.populate(config);
            }
        } catch (java.io.IOException e) {
            proxy.close();
            fail("cannot read --config " + config + ": " + e);
        } catch (RuntimeException e) {
            proxy.close();
            fail(e.getMessage());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(proxy::close));
        System.out.printf(
                "kintsugi-proxy %s: API on http://%s:%d, %d proxies%n",
                AdminApi.VERSION, host, proxy.port(), proxy.proxies().all().size());
        new CountDownLatch(1).await();
    }

    private static List<String> split(String hosts) {
        if (hosts == null || hosts.isBlank()) {
            return List.of();
        }
        return Arrays.stream(hosts.split(","))
                .map(String::trim)
                .filter(h -> !h.isEmpty())
                .toList();
    }

    private static String required(String flag, String value) {
        if (value == null) {
            fail(flag + " needs a value");
        }
        return value;
    }

    private static void fail(String message) {
        System.err.println("kintsugi-proxy: " + message);
        System.exit(2);
    }
}
