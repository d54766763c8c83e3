package dev.kintsugi;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

/** Kintsugi: learn from failure. Each direct sub-package is a Spring Modulith application module. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Modulithic(sharedModules = "platform")
public class KintsugiApplication {

    public static void main(String[] args) {
        SpringApplication.run(KintsugiApplication.class, args);
    }
}
