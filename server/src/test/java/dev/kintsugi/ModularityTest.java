package dev.kintsugi;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** The module boundaries of ../shared/DESIGN.md hold: no module reaches into another's internals, no cycles. */
class ModularityTest {
    private final ApplicationModules modules = ApplicationModules.of(KintsugiApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    @Test
    void documentsTheModules() {
        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
