package dev.kintsugi.postmortem.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.kintsugi.postmortem.language.Finding.Category;
import java.text.Normalizer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The blameless language check, in English and French: what it flags, what it leaves alone, and where. */
class LanguageCheckTest {
    private static final LanguageCheck check = new LanguageCheck();

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            We should have rolled back at 10:05.              | should have    | en.counterfactual.should-have
            Ops shouldn't have restarted the primary.         | shouldn't have | en.counterfactual.should-have
            Ops shouldn’t have restarted the primary.         | shouldn’t have | en.counterfactual.should-have
            She should've paged the DBA.                      | should've      | en.counterfactual.should-have
            We SHOULD HAVE known.                             | SHOULD HAVE    | en.counterfactual.should-have
            We should really have waited.                     | should really have | en.counterfactual.should-have
            They ought to have waited.                        | ought to have  | en.counterfactual.should-have
            The on-call could have noticed the graph.         | could have     | en.counterfactual.could-have
            A canary would have caught it.                    | would have     | en.counterfactual.would-have
            If only we had a second replica.                  | If only        | en.counterfactual.if-only
            The engineer failed to notice the alert.          | failed to      | en.counterfactual.failed-to
            Bob neglected to update the config.               | neglected to   | en.counterfactual.failed-to
            Root cause: human error.                          | human error    | en.blame.human-error
            A careless change to DNS.                         | careless       | en.blame.careless
            This was negligence.                              | negligence     | en.blame.negligence
            A negligent deploy.                               | negligent      | en.blame.negligence
            It was Dave's fault.                              | Dave's fault   | en.blame.fault
            It was Dave’s fault.                              | Dave’s fault   | en.blame.fault
            It was the fault of the new hire.                 | fault of       | en.blame.fault
            An incompetent vendor.                            | incompetent    | en.blame.negligence
            Sloppy review let it through.                     | Sloppy         | en.blame.careless
            We blame the tool's author.                       | blame          | en.blame.blame
            """)
    void flagsEnglish(String text, String match, String ruleId) {
        List<Finding> findings = check.check(text, Locale.ENGLISH);
        assertThat(findings).hasSize(1);
        Finding f = findings.getFirst();
        assertThat(f.ruleId()).isEqualTo(ruleId);
        assertThat(f.match()).isEqualTo(match);
        assertThat(text.substring(f.start(), f.end())).isEqualTo(match);
        assertThat(f.start()).isEqualTo(text.indexOf(match));
        assertThat(f.explanation()).isNotBlank();
        assertThat(f.prompt()).isNotBlank();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            On aurait dû revenir en arrière.            | On aurait dû      | fr.counterfactual.aurait-du
            J'aurais dû vérifier le disque.             | J'aurais dû       | fr.counterfactual.aurait-du
            J’aurais dû vérifier le disque.             | J’aurais dû       | fr.counterfactual.aurait-du
            Il n'aurait pas dû redémarrer.              | n'aurait pas dû   | fr.counterfactual.aurait-du
            L'astreinte AURAIT DÛ voir l'alerte.        | AURAIT DÛ         | fr.counterfactual.aurait-du
            L'astreinte aurait pu voir le graphe.       | aurait pu         | fr.counterfactual.aurait-pu
            Il aurait fallu prévenir le support.        | Il aurait fallu   | fr.counterfactual.il-aurait-fallu
            Si seulement on avait testé.                | Si seulement      | fr.counterfactual.si-seulement
            Si on avait regardé les logs.               | Si on avait       | fr.counterfactual.si-seulement
            L'équipe n'a pas su détecter la panne.      | n'a pas su        | fr.counterfactual.na-pas-su
            Cause : erreur humaine.                     | erreur humaine    | fr.blame.erreur-humaine
            C'était de la négligence.                   | négligence        | fr.blame.negligence
            C'est la faute de Paul.                     | C'est la faute    | fr.blame.faute
            C’est la faute de Paul.                     | C’est la faute    | fr.blame.faute
            Panne faute de Julie.                       | faute de Julie    | fr.blame.faute
            Retard par la faute du stagiaire.           | la faute          | fr.blame.faute
            Incident faute de l'équipe réseau.          | faute de l'équipe | fr.blame.faute
            Lancé par manque de rigueur.                | par manque de rigueur | fr.blame.manque-de-rigueur
            """)
    void flagsFrench(String text, String match, String ruleId) {
        List<Finding> findings = check.check(text, Locale.FRENCH);
        assertThat(findings).hasSize(1);
        Finding f = findings.getFirst();
        assertThat(f.ruleId()).isEqualTo(ruleId);
        assertThat(f.match()).isEqualTo(match);
        assertThat(f.start()).isEqualTo(text.indexOf(match));
        assertThat(f.end()).isEqualTo(text.indexOf(match) + match.length());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(
            strings = {
                "His shoulder hurt after the game.",
                "Should we have a second reviewer?",
                "It should work now.",
                "We couldn't reach the database.",
                "We couldn't have known.",
                "Could you have a look at the dashboard?",
                "Would you review this?",
                "Only if the flag is on.",
                "The failover worked as designed.",
                "A blameless post-mortem.",
                "We run a blame-free review.",
                "The cluster's fault tolerance held.",
                "We use fault injection every week.",
                "The effect was negligible.",
                "The error rate rose to 5%.",
                "The caretaker process restarted.",
                "The on-call double-checked the config.", // try-harder wording is fine outside countermeasures
            })
    void leavesOrdinaryEnglishAlone(String text) {
        assertThat(check.check(text, Locale.ENGLISH)).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(
            strings = {
                "On aurait du mal à le voir.",
                "Faute de temps, nous avons reporté la migration.",
                "Faute de mieux, on a redémarré.",
                "Une faute de frappe dans le ticket.",
                "Un sans-faute pour l'astreinte.",
                "Il a pu redémarrer le service.",
                "Un impact négligeable.",
                "Un travail irréprochable.",
                "Une revue post-incident sans blâme.",
                "Si le disque est plein, on alerte.",
                "Il faut ajouter une alerte.",
            })
    void leavesOrdinaryFrenchAlone(String text) {
        assertThat(check.check(text, Locale.FRENCH)).isEmpty();
    }

    @Test
    void aQuoteBlockIsCheckedLikeAnyOtherText() {
        // The check runs on the raw Markdown: a quoted sentence is flagged exactly like the same sentence
        // outside the quote, even when "could have" does not mean a counterfactual.
        String plain = "we could have lunch";
        String quoted = "Summary\n\n> we could have lunch\n\nThen the pager went off.";
        Finding outside = check.check(plain, Locale.ENGLISH).getFirst();
        Finding inside = check.check(quoted, Locale.ENGLISH).getFirst();
        assertThat(inside.ruleId()).isEqualTo(outside.ruleId()).isEqualTo("en.counterfactual.could-have");
        assertThat(inside.start()).isEqualTo(quoted.indexOf("could have"));
        assertThat(inside.match()).isEqualTo("could have");
        assertThat(check.check(quoted + "\n" + quoted, Locale.ENGLISH)).hasSize(2);
    }

    @Test
    void reportsEveryFindingInOrderWithOffsets() {
        String text = "Human error.\nWe should have\nwaited; it was Ann's fault and we could have seen it.";
        List<Finding> findings = check.check(text, Locale.ENGLISH);
        assertThat(findings)
                .extracting(Finding::match)
                .containsExactly("Human error", "should have", "Ann's fault", "could have");
        assertThat(findings)
                .extracting(Finding::category)
                .containsExactly(Category.BLAME, Category.COUNTERFACTUAL, Category.BLAME, Category.COUNTERFACTUAL);
        for (Finding f : findings) {
            assertThat(text.substring(f.start(), f.end())).isEqualTo(f.match());
        }
    }

    @Test
    void phrasesMayWrapAcrossLinesAndNoBreakSpaces() {
        assertThat(check.check("we should\nhave", Locale.ENGLISH)).hasSize(1);
        assertThat(check.check("on aurait\u00a0dû", Locale.FRENCH)).hasSize(1);
    }

    @Test
    void decomposedAccentsMatchAndOffsetsPointIntoTheGivenText() {
        String text = Normalizer.normalize("Bref : on aurait dû. Négligence !", Normalizer.Form.NFD);
        List<Finding> findings = check.check(text, Locale.FRENCH);
        assertThat(findings)
                .extracting(Finding::ruleId)
                .containsExactly("fr.counterfactual.aurait-du", "fr.blame.negligence");
        for (Finding f : findings) {
            assertThat(text.substring(f.start(), f.end())).isEqualTo(f.match());
        }
        assertThat(findings.get(1).match()).isEqualTo(Normalizer.normalize("Négligence", Normalizer.Form.NFD));
    }

    @Test
    void aLongTextIsCheckedQuicklyEnoughToRunWhileTyping() {
        String paragraph = "The deploy at 10:02 doubled the load; we should have waited, c'était une erreur humaine. ";
        String text = paragraph.repeat(2_000) + "x".repeat(100_000);
        // How fast is a figure for benchmarks; the deadline only catches a pattern gone exponential (which would
        // not finish at all), so it is generous enough for a loaded machine.
        List<Finding> findings =
                assertTimeoutPreemptively(Duration.ofSeconds(60), () -> check.check(text, Locale.ENGLISH));
        assertThat(findings).hasSize(2_000);
    }

    @Test
    void theLanguageChoosesTheRulesAndUnknownLanguagesUseEnglish() {
        assertThat(check.check("on aurait dû", Locale.ENGLISH)).isEmpty();
        assertThat(check.check("we should have", Locale.FRENCH)).isEmpty();
        assertThat(check.check("we should have", Locale.GERMAN)).hasSize(1);
        assertThat(check.check("we should have", null)).hasSize(1);
        assertThat(check.check("on aurait dû", Locale.CANADA_FRENCH)).hasSize(1);
        assertThat(check.check("", Locale.ENGLISH)).isEmpty();
        assertThat(check.check(null, Locale.ENGLISH)).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            Be more careful with migrations               | en | Be more careful
            Engineers must pay more attention to alerts   | en | pay more attention
            Double-check the target cluster               | en | Double-check
            double check DNS changes                      | en | double check
            Be vigilant during deploys                    | en | Be vigilant
            Remember to drain the node first              | en | Remember to
            Try harder to test changes                    | en | Try harder
            Faire plus attention lors des migrations      | fr | Faire plus attention
            Être plus vigilant lors des déploiements      | fr | Être plus vigilant
            Redoubler de vigilance le vendredi            | fr | Redoubler de vigilance
            Bien vérifier le cluster cible                | fr | Bien vérifier
            Penser à vider le nœud                        | fr | Penser à
            """)
    void refusesTryHarderCountermeasuresWithExamplesOfRealOnes(String title, String lang, String match) {
        Finding f = check.tryHarderCountermeasure(title, Locale.of(lang)).orElseThrow();
        assertThat(f.category()).isEqualTo(Category.TRY_HARDER);
        assertThat(f.match()).isEqualTo(match);
        assertThat(f.start()).isEqualTo(title.indexOf(match));
        assertThat(f.prompt()).isNotBlank();
        if (lang.equals("en")) {
            assertThat(f.explanation())
                    .contains("automated test", "alert", "peer-review rule", "rehearsal", "design change", "runbook");
        } else {
            assertThat(f.explanation())
                    .contains("test automatisé", "alerte", "règle de relecture", "répétition", "conception", "runbook");
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            Add an alert on replication lag                              | en
            Fail the build when a migration locks a large table          | en
            Automate draining so nobody needs to remember to do it       | en
            Game day: kill the primary database in staging               | en
            We should have an alert                                      | en
            Ajouter une alerte sur le retard de réplication              | fr
            Automatiser la vidange pour ne plus avoir besoin de penser à le faire | fr
            """)
    void acceptsRealCountermeasures(String title, String lang) {
        assertThat(check.tryHarderCountermeasure(title, Locale.of(lang))).isEmpty();
    }

    static Stream<Arguments> everyRule() {
        return Stream.of("en", "fr")
                .flatMap(lang ->
                        LanguageRules.load(lang).rules().stream().map(rule -> Arguments.of(lang, rule.id(), rule)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyRule")
    void everyRuleCompilesIsExplainedAndMatchesItsOwnExamples(String lang, String id, LanguageRules.Rule rule) {
        assertThat(rule.id()).startsWith(lang + ".");
        assertThat(rule.pattern()).isNotNull();
        assertThat(rule.explanation()).isNotBlank();
        assertThat(rule.prompt()).isNotBlank().endsWith("?");
        assertThat(rule.examples()).as("examples of " + id).isNotEmpty();
        for (String example : rule.examples()) {
            assertThat(rule.pattern().matcher(example).find())
                    .as(id + " flags its example \"" + example + "\"")
                    .isTrue();
        }
        for (String nonExample : rule.nonExamples()) {
            assertThat(rule.pattern().matcher(nonExample).find())
                    .as(id + " leaves \"" + nonExample + "\" alone")
                    .isFalse();
        }
    }

    @Test
    void bothFilesHaveUniqueIdsAndAllThreeCategories() {
        for (String lang : List.of("en", "fr")) {
            LanguageRules rules = LanguageRules.load(lang);
            assertThat(rules.language()).isEqualTo(lang);
            assertThat(rules.rules()).extracting(LanguageRules.Rule::id).doesNotHaveDuplicates();
            assertThat(rules.rules())
                    .extracting(LanguageRules.Rule::category)
                    .contains(Category.COUNTERFACTUAL, Category.BLAME, Category.TRY_HARDER);
            assertThat(rules.tryHarderAdvice().examples()).hasSizeGreaterThanOrEqualTo(5);
        }
    }
}
