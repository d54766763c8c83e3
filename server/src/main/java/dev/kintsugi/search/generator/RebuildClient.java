package dev.kintsugi.search.generator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/** Asks a running server to rebuild its read models after a generation ({@code --server URL --token T}). */
final class RebuildClient {
    private RebuildClient() {}

    /** Search, then insights when that endpoint exists (404: skipped, said). */
    static void rebuild(String server, String token) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("/api/v1/search/rebuild", "/api/v1/insights/rebuild")) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.replaceAll("/+$", "") + path))
                    .POST(HttpRequest.BodyPublishers.noBody());
            if (token != null && !token.isBlank()) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                System.out.println(path + ": 404, not on this server: skipped");
            } else {
                System.out.println(path + ": " + response.statusCode());
            }
        }
    }
}
