package dev.kintsugi.experiment;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import tools.jackson.databind.JsonNode;

/**
 * A journal as JUnit XML, the schema CI systems read (Jenkins, GitLab, GitHub test reporters): one
 * {@code <testsuite>} per run with {@code tests}, {@code failures}, {@code errors}, {@code skipped} and
 * {@code time}; one {@code <testcase>} per steady-state probe before and after the method (and per failing probe
 * during it), per method activity and per rollback, plus one for the run's outcome. A probe out of tolerance is a
 * {@code <failure>} whose text gives the tolerance and the value; an activity that raised is an {@code <error>}; an
 * activity a dry run skipped is {@code <skipped/>}.
 */
public final class JUnitReport {

    private static final int MAX_VALUE = 4000;

    private JUnitReport() {}

    private record Case(String classname, String name, double time, String kind, String message, String text) {}

    /** Writes the report next to its final place, then moves it there: a reader never sees half a file. */
    public static void write(JsonNode journal, Path path) throws IOException {
        Path absolute = path.toAbsolutePath();
        Path tmp = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        Files.writeString(tmp, toXml(journal), StandardCharsets.UTF_8);
        Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static String toXml(JsonNode journal) {
        String suite = journal.path("experiment").path("title").asString("experiment");
        boolean dry = !journal.path("experiment").path("dry").isNull()
                && !journal.path("experiment").path("dry").isMissingNode();
        List<Case> cases = new ArrayList<>();
        JsonNode states = journal.path("steady_states");
        probes(cases, suite + ".hypothesis.before", states.path("before"), dry, false);
        int i = 0;
        for (JsonNode during : states.path("during")) {
            i++;
            probes(cases, suite + ".hypothesis.during." + i, during, dry, true);
        }
        probes(cases, suite + ".hypothesis.after", states.path("after"), dry, false);
        for (JsonNode run : journal.path("run")) {
            cases.add(activity(suite + ".method", run, dry));
        }
        for (JsonNode run : journal.path("rollbacks")) {
            cases.add(activity(suite + ".rollbacks", run, dry));
        }
        cases.add(outcome(suite, journal));

        long failures = cases.stream().filter(c -> "failure".equals(c.kind())).count();
        long errors = cases.stream().filter(c -> "error".equals(c.kind())).count();
        long skipped = cases.stream().filter(c -> "skipped".equals(c.kind())).count();
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            attributes(xml, suite, cases.size(), failures, errors, skipped, journal);
            xml.writeCharacters("\n  ");
            xml.writeStartElement("testsuite");
            attributes(xml, suite, cases.size(), failures, errors, skipped, journal);
            xml.writeAttribute("timestamp", journal.path("start").asString(""));
            xml.writeAttribute("hostname", journal.path("node").asString(""));
            xml.writeCharacters("\n    ");
            xml.writeStartElement("properties");
            for (String p : List.of("status", "deviated", "kintsugi-chaos-version", "platform")) {
                xml.writeCharacters("\n      ");
                xml.writeEmptyElement("property");
                xml.writeAttribute("name", p);
                xml.writeAttribute("value", journal.path(p).asString(""));
            }
            xml.writeCharacters("\n    ");
            xml.writeEndElement();
            for (Case c : cases) {
                xml.writeCharacters("\n    ");
                xml.writeStartElement("testcase");
                xml.writeAttribute("classname", c.classname());
                xml.writeAttribute("name", c.name());
                xml.writeAttribute("time", seconds(c.time()));
                if (c.kind() != null) {
                    xml.writeCharacters("\n      ");
                    if (c.kind().equals("skipped")) {
                        xml.writeEmptyElement("skipped");
                        xml.writeAttribute("message", c.message());
                    } else {
                        xml.writeStartElement(c.kind());
                        xml.writeAttribute("message", c.message());
                        xml.writeAttribute("type", c.kind().equals("failure") ? "ToleranceNotMet" : "ActivityFailed");
                        xml.writeCharacters(c.text());
                        xml.writeEndElement();
                    }
                    xml.writeCharacters("\n    ");
                }
                xml.writeEndElement();
            }
            xml.writeCharacters("\n  ");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write JUnit XML", e);
        }
        return out.toString();
    }

    private static void attributes(
            XMLStreamWriter xml, String name, int tests, long failures, long errors, long skipped, JsonNode journal)
            throws XMLStreamException {
        xml.writeAttribute("name", name);
        xml.writeAttribute("tests", Integer.toString(tests));
        xml.writeAttribute("failures", Long.toString(failures));
        xml.writeAttribute("errors", Long.toString(errors));
        xml.writeAttribute("skipped", Long.toString(skipped));
        xml.writeAttribute("time", seconds(journal.path("duration").asDouble(0)));
    }

    private static void probes(List<Case> cases, String classname, JsonNode state, boolean dry, boolean onlyFailing) {
        for (JsonNode run : state.path("probes")) {
            Case c = probe(classname, run, dry);
            if (!onlyFailing || c.kind() != null && !c.kind().equals("skipped")) {
                cases.add(c);
            }
        }
    }

    private static Case probe(String classname, JsonNode run, boolean dry) {
        String name = Activities.name(run.path("activity"));
        double time = run.path("duration").asDouble(0);
        if ("failed".equals(run.path("status").asString())) {
            return error(classname, name, time, run);
        }
        if (dry && run.path("output").isNull()) {
            return new Case(classname, name, time, "skipped", "skipped by the dry run", null);
        }
        if (!run.path("tolerance_met").asBoolean(true)) {
            String tolerance = run.path("activity").path("tolerance").toString();
            String value = clip(run.path("output").toString());
            return new Case(
                    classname,
                    name,
                    time,
                    "failure",
                    "probe '" + name + "' is not in the given tolerance " + tolerance,
                    "tolerance: " + tolerance + "\nvalue: " + value);
        }
        return new Case(classname, name, time, null, null, null);
    }

    private static Case activity(String classname, JsonNode run, boolean dry) {
        String name = Activities.name(run.path("activity"));
        double time = run.path("duration").asDouble(0);
        if ("failed".equals(run.path("status").asString())) {
            return error(classname, name, time, run);
        }
        if (dry && run.path("output").isNull() && !run.path("activity").has("ref")) {
            return new Case(classname, name, time, "skipped", "skipped by the dry run", null);
        }
        return new Case(classname, name, time, null, null, null);
    }

    private static Case error(String classname, String name, double time, JsonNode run) {
        List<String> lines = new ArrayList<>();
        run.path("exception").forEach(l -> lines.add(l.asString()));
        String message = lines.isEmpty() ? "the activity failed" : lines.getFirst();
        return new Case(classname, name, time, "error", message, String.join("\n", lines));
    }

    /** The run as a whole: passes only when it completed and its hypothesis held. */
    private static Case outcome(String suite, JsonNode journal) {
        String status = journal.path("status").asString("");
        boolean deviated = journal.path("deviated").asBoolean(false);
        double time = journal.path("duration").asDouble(0);
        if (deviated) {
            return new Case(
                    suite,
                    "run",
                    time,
                    "failure",
                    "the steady-state hypothesis deviated",
                    "status: " + status + "\ndeviated: true");
        }
        if (!"completed".equals(status)) {
            return new Case(suite, "run", time, "error", "the run " + status, "status: " + status);
        }
        return new Case(suite, "run", time, null, null, null);
    }

    private static String clip(String s) {
        return s.length() > MAX_VALUE ? s.substring(0, MAX_VALUE) + "..." : s;
    }

    private static String seconds(double s) {
        return String.format(java.util.Locale.ROOT, "%.3f", s);
    }
}
