package dev.kintsugi.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.platform.Actor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Relevance of the similar-incident lookup on a hand-written set: 32 pairs of incidents that people would call
 * "the same thing again", half in English and half in French, worded differently. With all 32 past incidents
 * indexed, the new one's partner must rank in the top 3 for at least 90 % of the pairs.
 */
class SimilarRelevanceTest {
    record Pair(String service, String pastTitle, String pastText, String newTitle, String newText) {}

    static final List<Pair> PAIRS = List.of(
            new Pair(
                    "checkout",
                    "Checkout database connection pool exhausted",
                    "After the deploy the pool of database connections ran out and payments timed out",
                    "Payments time out: no free database connections",
                    "The checkout service cannot get a connection from its pool"),
            new Pair(
                    "dns",
                    "Internal DNS resolver returned stale records",
                    "The resolver cache kept old addresses after the migration",
                    "Services resolve old IP addresses",
                    "DNS answers are stale since the resolver change"),
            new Pair(
                    "auth",
                    "TLS certificate expired on the login endpoint",
                    "Nobody renewed the certificate; browsers refused the connection",
                    "Login broken: expired certificate",
                    "The certificate of the auth endpoint expired this morning"),
            new Pair(
                    "kafka",
                    "Kafka broker disk full",
                    "A broker ran out of disk space and stopped accepting writes",
                    "Broker stopped: no space left on disk",
                    "Kafka partitions went offline when the disk filled up"),
            new Pair(
                    "search",
                    "Search index lagging behind the queue",
                    "Indexing workers fell behind and results were hours old",
                    "Stale search results",
                    "The indexing queue is growing and search shows old data"),
            new Pair(
                    "cdn",
                    "CDN cache purge took the site down",
                    "A full purge sent all traffic to the origin servers which overloaded",
                    "Origin overloaded after CDN purge",
                    "Purging the CDN cache overloaded the origin"),
            new Pair(
                    "billing",
                    "Billing batch job ran twice",
                    "The scheduler started the nightly invoice job on two nodes, customers were charged twice",
                    "Customers charged twice by the invoice job",
                    "The nightly billing job ran on two nodes"),
            new Pair(
                    "api",
                    "API rate limiter blocked all clients",
                    "A bad config set the limit to zero requests per second",
                    "Every API call answered 429",
                    "The rate limiter config refused all requests"),
            new Pair(
                    "mobile",
                    "Mobile app crash on startup after release",
                    "The new release crashed at launch on older Android versions",
                    "Android app crashes when launched",
                    "Users on old Android see a crash at startup"),
            new Pair(
                    "redis",
                    "Redis failover loop",
                    "Sentinel kept electing a new primary every minute",
                    "Redis primary keeps changing",
                    "Sentinel elections loop and clients reconnect constantly"),
            new Pair(
                    "email",
                    "Transactional emails stuck in the queue",
                    "The mail relay rejected our credentials so password reset emails never left",
                    "Password reset emails not delivered",
                    "The relay refuses our login; reset mails pile up in the queue"),
            new Pair(
                    "storage",
                    "Object storage latency spike",
                    "Uploads took seconds because a storage node had a failing disk",
                    "Slow uploads to object storage",
                    "Upload latency high, one storage node disk failing"),
            new Pair(
                    "k8s",
                    "Kubernetes nodes evicted pods under memory pressure",
                    "A memory leak in the sidecar made the kubelet evict pods",
                    "Pods evicted for memory",
                    "Sidecar memory leak triggers evictions on nodes"),
            new Pair(
                    "payments",
                    "Card payments declined by the acquirer",
                    "The acquirer rotated its API key and our calls were rejected",
                    "Acquirer rejects our payment calls",
                    "All card payments declined after the acquirer changed keys"),
            new Pair(
                    "vpn",
                    "Office VPN down after firewall change",
                    "A firewall rule blocked the VPN port",
                    "Cannot connect to the VPN",
                    "The new firewall rule blocks VPN traffic"),
            new Pair(
                    "backup",
                    "Nightly backup silently failed for a week",
                    "The backup script exited early and no alert fired",
                    "Backups missing since last week",
                    "No backup was written for seven nights and nothing alerted"),
            new Pair(
                    "paiement",
                    "Paiements refusés par la banque",
                    "La banque a changé sa clé d’API et nos appels sont rejetés",
                    "Les paiements par carte sont refusés",
                    "Tous les paiements échouent depuis le changement de clé de la banque"),
            new Pair(
                    "base",
                    "Réplication de la base de données en retard",
                    "Le réplica avait plusieurs minutes de retard et les lectures étaient fausses",
                    "Retard de réplication sur la base",
                    "Les lectures sur le réplica renvoient des données en retard"),
            new Pair(
                    "stockage",
                    "Disque plein sur le serveur de fichiers",
                    "Le disque du serveur de fichiers s’est rempli et les écritures ont échoué",
                    "Écritures impossibles : disque plein",
                    "Le serveur de fichiers n’a plus d’espace disque"),
            new Pair(
                    "connexion",
                    "Certificat expiré sur la page de connexion",
                    "Personne n’a renouvelé le certificat et les navigateurs refusent la connexion",
                    "La connexion échoue à cause du certificat",
                    "Le certificat du service de connexion a expiré ce matin"),
            new Pair(
                    "messagerie",
                    "Courriels de réinitialisation bloqués",
                    "Le relais de messagerie refuse nos identifiants et les courriels restent dans la file",
                    "Les courriels de mot de passe n’arrivent pas",
                    "La file du relais de messagerie grossit, aucun courriel ne part"),
            new Pair(
                    "facturation",
                    "La facturation a tourné deux fois",
                    "Le planificateur a lancé la facturation nocturne sur deux nœuds, clients facturés deux fois",
                    "Clients facturés en double",
                    "La tâche de facturation de la nuit s’est exécutée deux fois"),
            new Pair(
                    "recherche",
                    "Index de recherche en retard",
                    "Les indexeurs ont pris du retard et les résultats dataient de plusieurs heures",
                    "Résultats de recherche périmés",
                    "La file d’indexation grossit et la recherche montre de vieilles données"),
            new Pair(
                    "cache",
                    "Redémarrages en boucle du cache",
                    "Le cache redémarrait toutes les minutes après la mise à jour",
                    "Le cache redémarre sans arrêt",
                    "Redémarrage du cache en boucle depuis la mise à jour"),
            new Pair(
                    "appli",
                    "L’application mobile plante au démarrage",
                    "La nouvelle version plante au lancement sur les anciens téléphones Android",
                    "Plantage au lancement de l’application Android",
                    "Les utilisateurs d’anciens Android voient l’application planter au démarrage"),
            new Pair(
                    "reseau",
                    "Panne du VPN après un changement de pare-feu",
                    "Une règle du pare-feu bloquait le port du VPN",
                    "Impossible de joindre le VPN",
                    "La nouvelle règle de pare-feu bloque le trafic du VPN"),
            new Pair(
                    "sauvegarde",
                    "Sauvegardes nocturnes en échec pendant une semaine",
                    "Le script de sauvegarde s’arrêtait tôt et aucune alerte ne partait",
                    "Aucune sauvegarde depuis une semaine",
                    "Les sauvegardes échouent chaque nuit sans alerte"),
            new Pair(
                    "dns-fr",
                    "Le résolveur DNS renvoie d’anciennes adresses",
                    "Le cache du résolveur gardait les anciennes adresses après la migration",
                    "Adresses périmées dans le DNS",
                    "Les services obtiennent d’anciennes adresses du résolveur DNS"),
            new Pair(
                    "file",
                    "File de messages saturée",
                    "Les consommateurs étaient trop lents et la file de messages a saturé la mémoire",
                    "Consommateurs en retard sur la file",
                    "La file de messages déborde, les consommateurs ne suivent pas"),
            new Pair(
                    "limite",
                    "Le limiteur de débit bloque tous les clients",
                    "Une mauvaise configuration fixait la limite à zéro requête par seconde",
                    "Toutes les requêtes refusées par le limiteur",
                    "La configuration du limiteur de débit refuse toutes les requêtes"),
            new Pair(
                    "noeuds",
                    "Pods expulsés par manque de mémoire",
                    "Une fuite de mémoire du sidecar a fait expulser les pods",
                    "Expulsions de pods sur les nœuds",
                    "La fuite mémoire du sidecar provoque des expulsions"),
            new Pair(
                    "cdn-fr",
                    "La purge du CDN a surchargé l’origine",
                    "Une purge complète a envoyé tout le trafic vers les serveurs d’origine",
                    "Serveurs d’origine surchargés",
                    "Après la purge du cache CDN, l’origine ne tient plus"));

    private Path dir;
    private SearchIndex index;
    private Search search;

    @BeforeEach
    void index() throws Exception {
        dir = Files.createTempDirectory("kintsugi-relevance");
        index = new SearchIndex(new SearchProperties(dir.toString(), 200));
        List<SearchDocument> docs = new ArrayList<>();
        for (int i = 0; i < PAIRS.size(); i++) {
            Pair p = PAIRS.get(i);
            docs.add(new SearchDocument(
                    DocumentType.INCIDENT,
                    i + 1,
                    "INC-" + (i + 1),
                    null,
                    "/incidents/INC-" + (i + 1),
                    p.pastTitle(),
                    p.pastText(),
                    List.of(p.service()),
                    List.of(),
                    "SEV3",
                    "RESOLVED",
                    List.of(),
                    Instant.parse("2026-01-01T00:00:00Z"),
                    false,
                    Set.of()));
        }
        index.apply(docs, List.of());
        index.commit(0L);
        index.refresh();
        search = new Search(index, null, null, null);
    }

    @AfterEach
    void close() {
        index.destroy();
    }

    @Test
    void thePartnerRanksInTheTopThreeForNineInTen() {
        int top3 = 0;
        List<String> misses = new ArrayList<>();
        for (int i = 0; i < PAIRS.size(); i++) {
            Pair p = PAIRS.get(i);
            String partner = "INC-" + (i + 1);
            List<String> refs = Actor.runAsSystem(
                    "relevance test",
                    () -> search.similar(p.newTitle(), p.newText(), List.of(p.service()), null, 3).stream()
                            .map(SearchResults.Hit::ref)
                            .toList());
            if (refs.contains(partner)) {
                top3++;
            } else {
                misses.add(p.newTitle() + " → " + refs);
            }
        }
        assertThat(top3 * 100 / PAIRS.size()).as("misses: %s", misses).isGreaterThanOrEqualTo(90);
    }

    @Test
    void withoutTheServiceTheWordsAloneStillFindMostPartners() {
        int top3 = 0;
        for (int i = 0; i < PAIRS.size(); i++) {
            Pair p = PAIRS.get(i);
            String partner = "INC-" + (i + 1);
            if (Actor.runAsSystem("relevance test", () -> search.similar(p.newTitle(), p.newText(), List.of(), null, 3))
                    .stream()
                    .anyMatch(h -> h.ref().equals(partner))) {
                top3++;
            }
        }
        assertThat(top3 * 100 / PAIRS.size()).isGreaterThanOrEqualTo(80);
    }
}
