package dev.kintsugi.insights;

/**
 * One metric over the incidents of a filter: how many incidents have it ({@code measured}), how many lack one of
 * its milestones ({@code missing}, never counted as 0), and its mean, median and 90th percentile in seconds (null
 * when nothing is measured).
 */
public record MetricStats(Metric metric, long measured, long missing, Double mean, Double median, Double p90) {}
