package dev.kintsugi.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VersionsTest {
    @Test
    void readsStrongAndWeakTagsAndIgnoresAbsentOrStar() {
        assertThat(Versions.ifMatch("\"3\"")).hasValue(3);
        assertThat(Versions.ifMatch("W/\"12\"")).hasValue(12);
        assertThat(Versions.ifMatch(" 7 ")).hasValue(7);
        assertThat(Versions.ifMatch(null)).isEmpty();
        assertThat(Versions.ifMatch("*")).isEmpty();
        assertThat(Versions.etag(4)).isEqualTo("\"4\"");
    }

    @Test
    void refusesGarbageNamingTheHeader() {
        assertThatThrownBy(() -> Versions.ifMatch("\"abc\""))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("If-Match"));
        assertThatThrownBy(() -> Versions.ifMatch("\"-1\"")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aStaleExpectationIsRefusedWithTheCurrentVersion() {
        Versions.require(null, 5, "x");
        Versions.require(5L, 5, "x");
        assertThatThrownBy(() -> Versions.requireIfMatch("\"4\"", 5, "Countermeasure 9"))
                .isInstanceOf(StaleVersionException.class)
                .hasMessageContaining("Countermeasure 9")
                .satisfies(
                        e -> assertThat(((StaleVersionException) e).current()).isEqualTo(5));
    }
}
