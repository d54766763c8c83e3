package dev.kintsugi.search;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the search index ({@code kintsugi.search.*}).
 *
 * @param indexDir where the Lucene index lives (derived data: deleting it makes the server rebuild it)
 * @param rebuildBatch how many incidents or post-mortems a rebuild reads from a module at a time (1 to 1000; each
 *     page costs a constant number of queries)
 */
@ConfigurationProperties("kintsugi.search")
public record SearchProperties(
        @DefaultValue("./data/search-index") String indexDir,
        @DefaultValue("500") int rebuildBatch) {}
