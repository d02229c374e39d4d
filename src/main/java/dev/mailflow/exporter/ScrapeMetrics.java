package dev.mailflow.exporter;

/**
 * One group of {@code /probe} metrics, written from the facts of a scrape's run. Every bean of this
 * type writes into every scrape's registry, so a metric from a new run fact is one more
 * implementation beside the others, and nothing else changes.
 */
interface ScrapeMetrics {

    void write(Scrape scrape, ScrapeRegistry registry);
}
