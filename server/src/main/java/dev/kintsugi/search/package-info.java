/**
 * Search: an embedded Apache Lucene index over incidents, post-mortems, countermeasures, chaos experiments and the
 * alert catalog's runbooks, kept from the other modules' events and read through their facades (a read model: it
 * can be deleted and rebuilt at any time), and the similar-incident lookup (MoreLikeThis). Facade:
 * {@link dev.kintsugi.search.Search}. Nothing depends on this module: its pages reach the others through the
 * layout's search box and {@link dev.kintsugi.platform.PageCard}s.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Search")
package dev.kintsugi.search;
