package dev.kintsugi.search.generator;

import java.util.List;

/**
 * The words the history generator writes with, in English and French: failure scenarios (each with its titles,
 * causes, contributing factors and countermeasures, so that incidents of one scenario resemble each other the way
 * real repeats do), the teams and services they happen to, and the phrases people use in timelines and reviews.
 */
final class Vocabulary {
    private Vocabulary() {}

    /** One way things fail; {@code {svc}} is replaced by a service's display name. */
    record Scenario(
            String key,
            List<String> tags,
            List<String> titlesEn,
            List<String> titlesFr,
            List<String> causesEn,
            List<String> causesFr,
            List<String> factorsEn,
            List<String> factorsFr,
            List<String> fixesEn,
            List<String> fixesFr) {}

    record TeamName(String name, String displayName, List<String> services) {}

    static final List<TeamName> TEAMS = List.of(
            new TeamName("payments", "Payments", List.of("payment-gateway", "refunds", "ledger", "fraud-scoring")),
            new TeamName("checkout", "Checkout", List.of("checkout-api", "cart", "pricing", "promotions")),
            new TeamName("identity", "Identity", List.of("login", "sessions", "user-profile", "sso-bridge")),
            new TeamName("search-team", "Search", List.of("catalog-search", "autocomplete", "indexer")),
            new TeamName("platform", "Platform", List.of("api-gateway", "service-mesh", "kubernetes", "ci-runners")),
            new TeamName("data", "Data", List.of("orders-db", "event-bus", "warehouse", "etl-jobs")),
            new TeamName("mobile", "Mobile", List.of("mobile-bff", "push-notifications", "app-config")),
            new TeamName("logistics", "Logistics", List.of("shipping", "inventory", "warehouse-scanner")),
            new TeamName("messaging", "Messaging", List.of("email-sender", "sms-gateway", "webhooks")),
            new TeamName("storefront", "Storefront", List.of("web-frontend", "cdn-edge", "image-resizer")),
            new TeamName("billing", "Billing", List.of("invoicing", "subscriptions", "tax-engine")),
            new TeamName("observability", "Observability", List.of("metrics-pipeline", "log-shipper", "tracing")));

    static final List<String> FIRST_NAMES = List.of(
            "alice",
            "bruno",
            "camille",
            "david",
            "emma",
            "farid",
            "gabrielle",
            "hugo",
            "ines",
            "jules",
            "karim",
            "lea",
            "marc",
            "nadia",
            "olivier",
            "paula",
            "quentin",
            "rachel",
            "samir",
            "theo",
            "ursula",
            "victor",
            "wendy",
            "xavier",
            "yasmine",
            "zoe",
            "amir",
            "beatrice",
            "chloe",
            "dimitri");
    static final List<String> LAST_NAMES = List.of(
            "martin",
            "bernard",
            "dubois",
            "thomas",
            "robert",
            "richard",
            "petit",
            "durand",
            "leroy",
            "moreau",
            "simon",
            "laurent",
            "lefebvre",
            "michel",
            "garcia",
            "smith",
            "jones",
            "nguyen",
            "okafor",
            "kowalski");

    static final List<String> REGIONS_EN = List.of(
            "in eu-west-1",
            "in us-east-1",
            "in the Paris zone",
            "during peak traffic",
            "during the nightly batch",
            "after the morning deploy",
            "for mobile users",
            "for a subset of customers",
            "again",
            "");
    static final List<String> REGIONS_FR = List.of(
            "en eu-west-1",
            "en us-east-1",
            "dans la zone de Paris",
            "pendant le pic de trafic",
            "pendant le traitement de nuit",
            "après le déploiement du matin",
            "pour les utilisateurs mobiles",
            "pour une partie des clients",
            "encore",
            "");

    static final List<String> IMPACT_EN = List.of(
            "Customers saw errors at checkout and some orders were not placed.",
            "Pages loaded slowly for about a third of visitors.",
            "Logins failed for users of the mobile app.",
            "Confirmation emails were delayed by up to two hours.",
            "Internal dashboards showed stale data; customers were not affected.",
            "Payments were declined for some card holders and retried later.",
            "Search results were empty or incomplete.",
            "Partners received webhook deliveries late and out of order.");
    static final List<String> IMPACT_FR = List.of(
            "Les clients ont vu des erreurs au paiement et certaines commandes n'ont pas abouti.",
            "Les pages se chargeaient lentement pour environ un tiers des visiteurs.",
            "Les connexions échouaient pour les utilisateurs de l'application mobile.",
            "Les e-mails de confirmation ont été retardés de deux heures au plus.",
            "Les tableaux de bord internes affichaient des données périmées ; les clients n'ont rien vu.",
            "Des paiements par carte ont été refusés puis repris plus tard.",
            "Les résultats de recherche étaient vides ou incomplets.",
            "Les partenaires ont reçu les webhooks en retard et dans le désordre.");

    static final List<String> WENT_WELL_EN = List.of(
            "The on-call engineer was paged within minutes and the runbook was up to date.",
            "Rolling back was quick because the previous version was still deployed on one zone.",
            "Support told customers early through the status page.",
            "The dashboards made the faulty dependency obvious.",
            "Several teams joined the incident channel quickly and roles were clear.");
    static final List<String> WENT_WELL_FR = List.of(
            "L'astreinte a été appelée en quelques minutes et le runbook était à jour.",
            "Le retour arrière a été rapide car l'ancienne version tournait encore dans une zone.",
            "Le support a prévenu les clients tôt par la page de statut.",
            "Les tableaux de bord montraient clairement la dépendance en cause.",
            "Plusieurs équipes ont rejoint le canal d'incident vite et les rôles étaient clairs.");
    static final List<String> WAS_HARD_EN = List.of(
            "The alert fired on a symptom far from the cause, so we looked in the wrong place first.",
            "Logs were sampled and the failing requests were not in them.",
            "Nobody on call knew the legacy component well.",
            "The dependency's status page said everything was fine.",
            "Two changes went out at the same time and it was hard to tell which one hurt.");
    static final List<String> WAS_HARD_FR = List.of(
            "L'alerte portait sur un symptôme loin de la cause, nous avons d'abord cherché au mauvais endroit.",
            "Les journaux étaient échantillonnés et les requêtes en échec n'y figuraient pas.",
            "Personne d'astreinte ne connaissait bien le composant historique.",
            "La page de statut du fournisseur disait que tout allait bien.",
            "Deux changements sont partis en même temps et il était difficile de savoir lequel gênait.");
    static final List<String> LUCKY_EN = List.of(
            "It happened on a quiet Tuesday morning, not during the sale.",
            "An engineer who had built the component happened to be online.",
            "The retry queue absorbed most of the failed writes.",
            "");
    static final List<String> LUCKY_FR = List.of(
            "C'est arrivé un mardi matin calme, pas pendant les soldes.",
            "Une ingénieure qui avait construit le composant était justement en ligne.",
            "La file de reprise a absorbé la plupart des écritures en échec.",
            "");
    static final List<String> DETECTION_EN = List.of(
            "Detected by the error-rate alert on the service's SLO.",
            "A customer reported it to support before any alert fired.",
            "The synthetic probe failed three times in a row and paged on-call.",
            "An engineer noticed the latency graph during a deploy.");
    static final List<String> DETECTION_FR = List.of(
            "Détecté par l'alerte sur le taux d'erreur du SLO du service.",
            "Un client l'a signalé au support avant toute alerte.",
            "La sonde synthétique a échoué trois fois de suite et a appelé l'astreinte.",
            "Un ingénieur a remarqué la courbe de latence pendant un déploiement.");
    static final List<String> NOTES_EN = List.of(
            "Error rate is climbing on {svc}, looking at the dashboards.",
            "Paged the owning team, they are joining the channel.",
            "Rolled back the last deploy of {svc}; watching the error rate.",
            "Latency back to normal, keeping an eye on it for thirty minutes.",
            "Opened a ticket with the provider.",
            "Scaled {svc} out to twice the usual replicas.",
            "Found the failing dependency in the traces.",
            "Status page updated for customers.");
    static final List<String> NOTES_FR = List.of(
            "Le taux d'erreur monte sur {svc}, on regarde les tableaux de bord.",
            "Équipe propriétaire appelée, elle rejoint le canal.",
            "Dernier déploiement de {svc} annulé ; on surveille le taux d'erreur.",
            "Latence revenue à la normale, on surveille encore trente minutes.",
            "Ticket ouvert chez le fournisseur.",
            "{svc} passé au double de réplicas habituels.",
            "Dépendance en échec trouvée dans les traces.",
            "Page de statut mise à jour pour les clients.");
    static final List<String> DECISIONS_EN = List.of(
            "Roll back instead of fixing forward",
            "Fail over to the other region",
            "Disable the feature flag",
            "Stop the batch job until morning",
            "Shed low-priority traffic");
    static final List<String> DECISIONS_FR = List.of(
            "Revenir en arrière plutôt que corriger",
            "Basculer sur l'autre région",
            "Désactiver le feature flag",
            "Arrêter le traitement par lots jusqu'au matin",
            "Délester le trafic non prioritaire");
    static final List<String> WHY_EN = List.of(
            "It was the fastest way back to a known good state with what we knew then.",
            "The dashboards pointed at one zone and the other looked healthy.",
            "Customers were affected and the cause was still unclear.");
    static final List<String> WHY_FR = List.of(
            "C'était le plus court chemin vers un état sain connu, avec ce que nous savions alors.",
            "Les tableaux de bord montraient une seule zone en difficulté, l'autre semblait saine.",
            "Des clients étaient touchés et la cause restait floue.");
    static final List<String> WONT_DO_EN =
            List.of("The component is being replaced next quarter.", "The cost outweighs the risk for this tier.");
    static final List<String> WONT_DO_FR =
            List.of("Le composant sera remplacé au prochain trimestre.", "Le coût dépasse le risque pour ce niveau.");

    private static Scenario s(String key, List<String> tags, List<String>... parts) {
        return new Scenario(key, tags, parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], parts[6], parts[7]);
    }

    @SuppressWarnings("unchecked")
    static final List<Scenario> SCENARIOS = List.of(
            s(
                    "certificate",
                    List.of("tls", "certificates"),
                    List.of("TLS certificate expired on {svc}", "{svc} handshake failures after certificate expiry"),
                    List.of("Certificat TLS expiré sur {svc}", "Échecs de négociation TLS sur {svc} après expiration"),
                    List.of(
                            "The certificate of {svc} expired because its renewal job had silently failed for weeks.",
                            "A manually installed certificate on {svc} was missed by the automated renewal."),
                    List.of(
                            "Le certificat de {svc} a expiré car sa tâche de renouvellement échouait en silence.",
                            "Un certificat installé à la main sur {svc} a échappé au renouvellement automatique."),
                    List.of("No alert on certificate expiry dates", "Renewal job failures were only logged"),
                    List.of(
                            "Aucune alerte sur les dates d'expiration des certificats",
                            "Les échecs du renouvellement étaient seulement journalisés"),
                    List.of(
                            "Alert 30 days before any certificate expires",
                            "Move {svc} to automated certificate renewal",
                            "Add certificate expiry to the service checklist"),
                    List.of(
                            "Alerter 30 jours avant l'expiration de tout certificat",
                            "Passer {svc} au renouvellement automatique des certificats",
                            "Ajouter l'expiration des certificats à la liste de contrôle du service")),
            s(
                    "disk",
                    List.of("disk", "database"),
                    List.of("Disk full on the {svc} database primary", "{svc} writes failing: no space left on device"),
                    List.of("Disque plein sur la base primaire de {svc}", "Écritures de {svc} en échec : disque plein"),
                    List.of(
                            "Write-ahead logs of {svc} piled up because the archiving job was stuck, and the disk filled.",
                            "A debug log level left on {svc} filled the volume in a few hours."),
                    List.of(
                            "Les journaux de transactions de {svc} se sont accumulés car l'archivage était bloqué, et le disque s'est rempli.",
                            "Un niveau de log debug oublié sur {svc} a rempli le volume en quelques heures."),
                    List.of("Disk usage alert threshold too close to 100 %", "Archiving job had no monitoring"),
                    List.of(
                            "Seuil d'alerte d'occupation disque trop proche de 100 %",
                            "La tâche d'archivage n'était pas surveillée"),
                    List.of(
                            "Alert at 80 % disk usage with a growth forecast",
                            "Monitor the WAL archiving job of {svc}", "Cap log volume per service"),
                    List.of(
                            "Alerter à 80 % d'occupation disque avec une prévision de croissance",
                            "Surveiller l'archivage des journaux de transactions de {svc}",
                            "Plafonner le volume de logs par service")),
            s(
                    "pool",
                    List.of("database", "connection-pool"),
                    List.of(
                            "{svc} connection pool exhausted under load",
                            "Timeouts on {svc}: no database connection available"),
                    List.of(
                            "Pool de connexions de {svc} épuisé sous la charge",
                            "Délais dépassés sur {svc} : plus de connexion disponible"),
                    List.of(
                            "A slow query held connections of {svc} for seconds and the pool ran dry.",
                            "A new endpoint of {svc} opened a transaction per item and exhausted the pool."),
                    List.of(
                            "Une requête lente gardait les connexions de {svc} plusieurs secondes et le pool s'est vidé.",
                            "Un nouvel endpoint de {svc} ouvrait une transaction par élément et a épuisé le pool."),
                    List.of("Pool size never revisited since launch", "No timeout on the slow query"),
                    List.of(
                            "Taille du pool jamais revue depuis le lancement",
                            "Aucun délai maximal sur la requête lente"),
                    List.of(
                            "Add a statement timeout on {svc}",
                            "Alert on pool saturation above 80 %",
                            "Load test {svc} with production-like data"),
                    List.of(
                            "Ajouter un délai maximal aux requêtes de {svc}",
                            "Alerter quand le pool dépasse 80 % d'occupation",
                            "Tester {svc} en charge avec des données proches de la production")),
            s(
                    "dns",
                    List.of("dns", "network"),
                    List.of("DNS resolution failures for {svc}", "{svc} cannot resolve its dependencies"),
                    List.of("Échecs de résolution DNS pour {svc}", "{svc} n'arrive plus à résoudre ses dépendances"),
                    List.of(
                            "A change to the internal DNS zone removed the records {svc} depends on.",
                            "The resolvers were overloaded and {svc} cached the failures."),
                    List.of(
                            "Une modification de la zone DNS interne a supprimé les enregistrements dont {svc} dépend.",
                            "Les résolveurs étaient surchargés et {svc} a mis les échecs en cache."),
                    List.of("DNS changes were not peer reviewed", "Negative caching TTL too long"),
                    List.of("Les changements DNS n'étaient pas relus", "Durée de cache négatif trop longue"),
                    List.of(
                            "Peer review every DNS zone change",
                            "Lower the negative caching TTL",
                            "Probe DNS resolution from every zone"),
                    List.of(
                            "Relire chaque changement de zone DNS",
                            "Réduire la durée du cache négatif",
                            "Sonder la résolution DNS depuis chaque zone")),
            s(
                    "config",
                    List.of("configuration", "deploy"),
                    List.of("{svc} errors after a configuration push", "Bad configuration rolled out to {svc}"),
                    List.of(
                            "Erreurs sur {svc} après un déploiement de configuration",
                            "Mauvaise configuration déployée sur {svc}"),
                    List.of(
                            "A configuration change with a typo in a timeout value reached every instance of {svc} at once.",
                            "A configuration flag meant for staging was pushed to production {svc}."),
                    List.of(
                            "Une modification de configuration avec une faute dans un délai a atteint toutes les instances de {svc} d'un coup.",
                            "Un paramètre prévu pour la préproduction a été poussé sur {svc} en production."),
                    List.of("Configuration is not rolled out progressively", "No validation of configuration values"),
                    List.of(
                            "La configuration n'est pas déployée progressivement",
                            "Aucune validation des valeurs de configuration"),
                    List.of(
                            "Roll configuration out by zone with automatic rollback",
                            "Validate configuration schemas in CI",
                            "Rehearse a bad configuration push in a game day"),
                    List.of(
                            "Déployer la configuration zone par zone avec retour arrière automatique",
                            "Valider le schéma de configuration en intégration continue",
                            "Répéter un déploiement de mauvaise configuration lors d'un game day")),
            s(
                    "memory",
                    List.of("memory", "kubernetes"),
                    List.of("{svc} pods killed for running out of memory", "Memory leak in {svc} causes restarts"),
                    List.of("Pods de {svc} tués faute de mémoire", "Fuite mémoire dans {svc}, redémarrages en boucle"),
                    List.of(
                            "A cache in {svc} grew without bound after a library upgrade and the pods were OOM killed.",
                            "Large payloads were buffered in memory by {svc} instead of streamed."),
                    List.of(
                            "Un cache de {svc} grossissait sans limite après une mise à jour de bibliothèque et les pods ont été tués.",
                            "{svc} gardait les gros messages en mémoire au lieu de les traiter en flux."),
                    List.of("Memory limits set without profiling", "Restarts hid the leak for days"),
                    List.of(
                            "Limites mémoire fixées sans mesure",
                            "Les redémarrages ont masqué la fuite pendant des jours"),
                    List.of(
                            "Alert on restart counts of {svc}",
                            "Bound the cache size in {svc}",
                            "Profile memory in the load test"),
                    List.of(
                            "Alerter sur le nombre de redémarrages de {svc}",
                            "Borner la taille du cache de {svc}",
                            "Mesurer la mémoire pendant le test de charge")),
            s(
                    "latency",
                    List.of("latency", "slo"),
                    List.of("{svc} latency above SLO", "Slow responses from {svc}"),
                    List.of("Latence de {svc} au-dessus du SLO", "Réponses lentes de {svc}"),
                    List.of(
                            "A missing index made the main query of {svc} scan the whole table once data grew.",
                            "Garbage collection pauses on {svc} grew with the heap after a traffic increase."),
                    List.of(
                            "Un index manquant faisait parcourir toute la table à la requête principale de {svc} quand les données ont grossi.",
                            "Les pauses du ramasse-miettes de {svc} ont grandi avec le tas après une hausse du trafic."),
                    List.of("No query plan review for new queries", "Latency alert on the average, not the p99"),
                    List.of("Pas de revue des plans de requête", "Alerte de latence sur la moyenne et non le p99"),
                    List.of(
                            "Alert on p99 latency of {svc}",
                            "Review query plans of {svc} in CI",
                            "Add the missing index and a regression test"),
                    List.of(
                            "Alerter sur la latence p99 de {svc}",
                            "Revoir les plans de requête de {svc} en intégration continue",
                            "Ajouter l'index manquant et un test de non-régression")),
            s(
                    "provider",
                    List.of("third-party", "payments"),
                    List.of("Provider outage degrades {svc}", "{svc} failing: upstream provider unavailable"),
                    List.of("Panne du fournisseur, {svc} dégradé", "{svc} en échec : fournisseur amont indisponible"),
                    List.of(
                            "The external payment provider had an outage and {svc} retried every call without backoff.",
                            "The provider changed its API rate limits and {svc} was throttled."),
                    List.of(
                            "Le prestataire de paiement externe était en panne et {svc} relançait chaque appel sans délai.",
                            "Le fournisseur a changé ses limites de débit et {svc} a été bridé."),
                    List.of("No circuit breaker on the provider client", "Single provider without fallback"),
                    List.of(
                            "Pas de disjoncteur sur le client du fournisseur",
                            "Un seul fournisseur, sans solution de repli"),
                    List.of(
                            "Add a circuit breaker to the provider client of {svc}",
                            "Contract a second provider for failover",
                            "Subscribe on-call to the provider's status feed"),
                    List.of(
                            "Ajouter un disjoncteur au client fournisseur de {svc}",
                            "Contracter un second fournisseur de secours",
                            "Abonner l'astreinte au flux de statut du fournisseur")),
            s(
                    "failover",
                    List.of("database", "failover"),
                    List.of("Database failover left {svc} read-only", "{svc} down during database failover"),
                    List.of(
                            "Bascule de base de données : {svc} en lecture seule",
                            "{svc} indisponible pendant la bascule de base"),
                    List.of(
                            "After the primary failed over, {svc} kept connections to the old primary, now read-only.",
                            "The failover took longer than the health check timeout and {svc} was taken out of rotation."),
                    List.of(
                            "Après la bascule du primaire, {svc} gardait ses connexions vers l'ancien primaire, passé en lecture seule.",
                            "La bascule a duré plus que le délai du contrôle de santé et {svc} a été retiré du service."),
                    List.of("Failover never rehearsed with {svc}", "Connection validation disabled"),
                    List.of("Bascule jamais répétée avec {svc}", "Validation des connexions désactivée"),
                    List.of(
                            "Rehearse a database failover every quarter",
                            "Validate connections on borrow in {svc}",
                            "Document the failover runbook"),
                    List.of(
                            "Répéter une bascule de base chaque trimestre",
                            "Valider les connexions à l'emprunt dans {svc}",
                            "Documenter le runbook de bascule")),
            s(
                    "cache",
                    List.of("cache", "capacity"),
                    List.of("Cache stampede on {svc} after a cache flush", "{svc} overloaded when the cache went cold"),
                    List.of("Ruée sur le cache de {svc} après une purge", "{svc} surchargé quand le cache s'est vidé"),
                    List.of(
                            "A full cache flush sent every request of {svc} to the database at once.",
                            "Cache keys of {svc} expired at the same moment and the backend was overwhelmed."),
                    List.of(
                            "Une purge complète du cache a envoyé toutes les requêtes de {svc} vers la base en même temps.",
                            "Les clés du cache de {svc} ont expiré au même instant et le serveur a été submergé."),
                    List.of("Expiry times without jitter", "Flushing the cache was a one-click action"),
                    List.of("Expirations sans dispersion aléatoire", "Purger le cache se faisait d'un clic"),
                    List.of(
                            "Add jitter to cache expiry in {svc}",
                            "Require a confirmation before a full cache flush",
                            "Coalesce concurrent cache misses"),
                    List.of(
                            "Ajouter une dispersion aux expirations du cache de {svc}",
                            "Demander une confirmation avant une purge complète",
                            "Regrouper les défauts de cache simultanés")),
            s(
                    "queue",
                    List.of("queue", "messaging"),
                    List.of("Message queue backlog delays {svc}", "{svc} consumers fall behind"),
                    List.of(
                            "Retard de la file de messages pour {svc}",
                            "Les consommateurs de {svc} prennent du retard"),
                    List.of(
                            "A poison message made the consumers of {svc} crash and retry in a loop.",
                            "Consumers of {svc} were scaled down by mistake during a migration."),
                    List.of(
                            "Un message empoisonné faisait planter les consommateurs de {svc} en boucle.",
                            "Les consommateurs de {svc} ont été réduits par erreur pendant une migration."),
                    List.of("No dead-letter queue", "Backlog age was not alerted on"),
                    List.of("Pas de file de messages en échec", "L'âge du retard n'était pas surveillé"),
                    List.of(
                            "Add a dead-letter queue to {svc}",
                            "Alert on the age of the oldest message",
                            "Autoscale consumers on backlog"),
                    List.of(
                            "Ajouter une file de messages en échec à {svc}",
                            "Alerter sur l'âge du plus vieux message",
                            "Adapter le nombre de consommateurs au retard")),
            s(
                    "deploy",
                    List.of("deploy", "rollback"),
                    List.of("Bad deploy of {svc} rolled back", "{svc} errors after release"),
                    List.of("Mauvais déploiement de {svc} annulé", "Erreurs sur {svc} après la mise en production"),
                    List.of(
                            "A release of {svc} shipped a migration that was not backward compatible.",
                            "A dependency bump in {svc} changed the serialisation of dates."),
                    List.of(
                            "Une version de {svc} contenait une migration incompatible avec la précédente.",
                            "Une montée de version de dépendance dans {svc} a changé la sérialisation des dates."),
                    List.of("Canary too small to show the error", "No contract tests between services"),
                    List.of("Canari trop petit pour montrer l'erreur", "Pas de tests de contrat entre services"),
                    List.of(
                            "Add contract tests for {svc}",
                            "Widen the canary and compare error rates automatically",
                            "Make migrations backward compatible by rule"),
                    List.of(
                            "Ajouter des tests de contrat pour {svc}",
                            "Élargir le canari et comparer les taux d'erreur automatiquement",
                            "Rendre les migrations rétrocompatibles par règle")),
            s(
                    "retry",
                    List.of("retries", "capacity"),
                    List.of("Retry storm overloads {svc}", "{svc} overwhelmed by client retries"),
                    List.of(
                            "Tempête de nouvelles tentatives : {svc} surchargé",
                            "{svc} submergé par les relances des clients"),
                    List.of(
                            "A short blip on {svc} made every client retry immediately, tripling the load.",
                            "Mobile clients retried failed calls to {svc} without backoff."),
                    List.of(
                            "Une courte coupure de {svc} a fait relancer tous les clients aussitôt, triplant la charge.",
                            "Les clients mobiles relançaient les appels à {svc} sans temporisation."),
                    List.of("Retries without exponential backoff", "No load shedding in {svc}"),
                    List.of("Relances sans temporisation exponentielle", "Pas de délestage dans {svc}"),
                    List.of(
                            "Use exponential backoff with jitter in every client",
                            "Shed load in {svc} above capacity",
                            "Rate limit per client"),
                    List.of(
                            "Utiliser une temporisation exponentielle avec dispersion dans chaque client",
                            "Délester {svc} au-delà de sa capacité",
                            "Limiter le débit par client")),
            s(
                    "batch",
                    List.of("batch", "scheduling"),
                    List.of("Scheduled batch job on {svc} ran twice", "Nightly job of {svc} overlapped with traffic"),
                    List.of(
                            "Le traitement planifié de {svc} s'est exécuté deux fois",
                            "Le traitement de nuit de {svc} a débordé sur le trafic"),
                    List.of(
                            "The daylight saving time change made the scheduler of {svc} run the job twice.",
                            "The nightly job of {svc} took longer as data grew and ran into morning traffic."),
                    List.of(
                            "Le changement d'heure a fait exécuter deux fois la tâche planifiée de {svc}.",
                            "Le traitement de nuit de {svc} a duré plus longtemps avec la croissance des données et a débordé sur le matin."),
                    List.of("Schedules in local time", "Job not idempotent"),
                    List.of("Planifications en heure locale", "Traitement non idempotent"),
                    List.of(
                            "Schedule jobs in UTC",
                            "Make the batch job of {svc} idempotent",
                            "Alert when the job runs past its window"),
                    List.of(
                            "Planifier les traitements en UTC",
                            "Rendre le traitement de {svc} idempotent",
                            "Alerter quand le traitement dépasse sa fenêtre")),
            s(
                    "network",
                    List.of("network", "availability-zone"),
                    List.of("Network partition isolates {svc}", "Packet loss between zones hits {svc}"),
                    List.of("Partition réseau entre zones : {svc} isolé", "Perte de paquets entre zones, {svc} touché"),
                    List.of(
                            "A faulty switch in one zone dropped packets between {svc} and its database.",
                            "A firewall rule change blocked traffic from {svc} to the cache cluster."),
                    List.of(
                            "Un commutateur défectueux dans une zone perdait des paquets entre {svc} et sa base.",
                            "Une modification de règle de pare-feu bloquait le trafic de {svc} vers le cache."),
                    List.of("{svc} not spread across zones", "Firewall changes without staged rollout"),
                    List.of("{svc} non réparti entre les zones", "Changements de pare-feu sans déploiement progressif"),
                    List.of(
                            "Run {svc} in three zones",
                            "Inject packet loss in a game day",
                            "Review firewall rule changes"),
                    List.of(
                            "Faire tourner {svc} sur trois zones",
                            "Injecter de la perte de paquets lors d'un game day",
                            "Relire les changements de règles de pare-feu")),
            s(
                    "secret",
                    List.of("secrets", "authentication"),
                    List.of(
                            "Secret rotation broke {svc} authentication",
                            "{svc} rejected by its database after credential rotation"),
                    List.of(
                            "La rotation des secrets a cassé l'authentification de {svc}",
                            "{svc} refusé par sa base après la rotation des identifiants"),
                    List.of(
                            "The credentials of {svc} were rotated but the running pods kept the old password.",
                            "An API key used by {svc} expired and nobody owned its renewal."),
                    List.of(
                            "Les identifiants de {svc} ont été changés mais les pods en cours gardaient l'ancien mot de passe.",
                            "Une clé d'API utilisée par {svc} a expiré et personne n'était chargé de la renouveler."),
                    List.of("Rotation without a dual-credential window", "Secrets without owners"),
                    List.of("Rotation sans période de double identifiant", "Secrets sans propriétaire"),
                    List.of(
                            "Rotate secrets with an overlap window",
                            "Give every secret of {svc} an owner and an expiry alert",
                            "Reload credentials without restart"),
                    List.of(
                            "Changer les secrets avec une période de recouvrement",
                            "Donner à chaque secret de {svc} un propriétaire et une alerte d'expiration",
                            "Recharger les identifiants sans redémarrage")),
            s(
                    "migration",
                    List.of("database", "migration"),
                    List.of("Schema migration locked the {svc} tables", "{svc} stalled during a schema migration"),
                    List.of(
                            "Migration de schéma : tables de {svc} verrouillées",
                            "{svc} bloqué pendant une migration de schéma"),
                    List.of(
                            "Adding a column with a default rewrote a large table of {svc} under an exclusive lock.",
                            "An index was built without concurrency on the busiest table of {svc}."),
                    List.of(
                            "L'ajout d'une colonne avec valeur par défaut a réécrit une grosse table de {svc} sous verrou exclusif.",
                            "Un index a été construit sans concurrence sur la table la plus chargée de {svc}."),
                    List.of("Migrations not reviewed for locks", "Migration ran at peak time"),
                    List.of("Migrations non relues pour les verrous", "Migration lancée en heure de pointe"),
                    List.of(
                            "Lint migrations for locking statements",
                            "Set a lock timeout on migrations of {svc}",
                            "Run large migrations off-peak"),
                    List.of(
                            "Analyser les migrations à la recherche d'instructions verrouillantes",
                            "Fixer un délai de verrou aux migrations de {svc}",
                            "Lancer les grosses migrations hors des heures de pointe")),
            s(
                    "flag",
                    List.of("feature-flag", "release"),
                    List.of("Feature flag rollout broke {svc}", "{svc} errors after enabling a feature flag"),
                    List.of(
                            "L'activation d'un feature flag a cassé {svc}",
                            "Erreurs sur {svc} après l'activation d'un flag"),
                    List.of(
                            "A feature flag was turned on for everyone instead of one percent of {svc} traffic.",
                            "An old feature flag of {svc} was removed while code still read it."),
                    List.of(
                            "Un feature flag a été activé pour tous au lieu d'un pour cent du trafic de {svc}.",
                            "Un vieux flag de {svc} a été supprimé alors que le code le lisait encore."),
                    List.of("Flag changes not audited", "No guard on rollout percentage"),
                    List.of("Changements de flags non tracés", "Aucune garde sur le pourcentage d'activation"),
                    List.of(
                            "Require a staged rollout for flags of {svc}",
                            "Alert on error rate per flag",
                            "Clean up stale flags every month"),
                    List.of(
                            "Exiger une activation progressive des flags de {svc}",
                            "Alerter sur le taux d'erreur par flag",
                            "Nettoyer les flags obsolètes chaque mois")));
}
