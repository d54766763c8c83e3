package dev.kintsugi.chaos.monkey;

import java.util.ArrayList;
import java.util.List;

/**
 * The groups a monkey draws for, Netflix's grouping mapped onto Kintsugi: {@code APP} one group for the service,
 * {@code STACK} one per environment (Netflix's account and stack), {@code CLUSTER} one per environment and label
 * value (a cluster); with {@code regionsAreIndependent} each group is split per region. A group is written
 * {@code environment/cluster/region}, {@code *} for "any". Groups an exception covers entirely are left out; a
 * non-empty whitelist keeps only the groups it covers.
 */
public final class MonkeyGroups {
    private MonkeyGroups() {}

    public enum Grouping {
        APP,
        STACK,
        CLUSTER
    }

    /** A Netflix exception (or whitelist entry): {@code account}, {@code stack}, {@code detail}, {@code region}. */
    public record Rule(String account, String stack, String detail, String region) {
        public Rule {
            account = star(account);
            stack = star(stack);
            detail = star(detail);
            region = star(region);
        }

        private static String star(String s) {
            return s == null || s.isBlank() ? "*" : s.strip();
        }

        /**
         * Whether this rule covers an instance (or a group) of {@code environment}, {@code cluster} and
         * {@code region}: each field of the rule is {@code *} or equal (the cluster is {@code stack} or
         * {@code stack-detail}). A {@code *} of the group (any) is covered only by a {@code *} of the rule.
         */
        public boolean covers(String environment, String cluster, String region) {
            return field(account, environment) && cluster(cluster) && field(this.region, region);
        }

        private static boolean field(String rule, String value) {
            return rule.equals("*") || rule.equals(value);
        }

        private boolean cluster(String cluster) {
            if (stack.equals("*") && detail.equals("*")) {
                return true;
            }
            if (cluster == null || cluster.equals("*")) {
                return false;
            }
            int dash = cluster.indexOf('-');
            String s = dash < 0 ? cluster : cluster.substring(0, dash);
            String d = dash < 0 ? "" : cluster.substring(dash + 1);
            return field(stack, s) && (detail.equals("*") || detail.equals(d));
        }
    }

    /** One group, {@code *} for any. */
    public record Group(String environment, String cluster, String region) {
        public String key() {
            return environment + "/" + cluster + "/" + region;
        }

        public static Group parse(String key) {
            String[] p = key.split("/", -1);
            if (p.length != 3) {
                throw new IllegalArgumentException("not a group: " + key);
            }
            return new Group(p[0], p[1], p[2]);
        }
    }

    public static List<Group> groups(
            Grouping grouping,
            boolean regionsAreIndependent,
            List<String> environments,
            List<String> clusters,
            List<String> regions,
            List<Rule> exceptions,
            List<Rule> whitelist) {
        List<String> envs = grouping == Grouping.APP || environments.isEmpty() ? List.of("*") : environments;
        List<String> cls = grouping == Grouping.CLUSTER && !clusters.isEmpty() ? clusters : List.of("*");
        List<String> regs = regionsAreIndependent && !regions.isEmpty() ? regions : List.of("*");
        List<Group> out = new ArrayList<>();
        for (String e : envs) {
            for (String c : cls) {
                for (String r : regs) {
                    Group g = new Group(e, c, r);
                    if (exceptions.stream().anyMatch(x -> x.covers(e, c, r))) {
                        continue;
                    }
                    if (!whitelist.isEmpty() && whitelist.stream().noneMatch(x -> x.covers(e, c, r))) {
                        continue;
                    }
                    out.add(g);
                }
            }
        }
        return out;
    }

    /** Whether an instance with these labels may be terminated: no exception covers it, the whitelist does. */
    public static boolean eligible(
            String environment, String cluster, String region, List<Rule> exceptions, List<Rule> whitelist) {
        if (exceptions.stream().anyMatch(x -> x.covers(environment, cluster, region))) {
            return false;
        }
        return whitelist.isEmpty() || whitelist.stream().anyMatch(x -> x.covers(environment, cluster, region));
    }
}
