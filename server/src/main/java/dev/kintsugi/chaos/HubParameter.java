package dev.kintsugi.chaos;

/**
 * One typed parameter of a hub fault: an integer {@code name} in {@code unit}, between {@code min} and {@code max}
 * (inclusive), {@code defaultValue} when the instantiation leaves it out. Its label is the bundle text
 * {@code chaos.hub.param.<name>}.
 */
public record HubParameter(String name, String unit, int min, int max, int defaultValue) {

    HubParameter withDefault(int value) {
        return new HubParameter(name, unit, min, max, value);
    }
}
