package dev.kintsugi.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** {@code kintsugi-chaos run --junit FILE}: the run as JUnit XML, read back with a real XML parser. */
class JUnitReportTest {

    @TempDir
    Path dir;

    private static Document parse(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static List<Element> testcases(Document doc) {
        NodeList nodes = doc.getElementsByTagName("testcase");
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    private static Element child(Element e, String tag) {
        NodeList n = e.getElementsByTagName(tag);
        return n.getLength() == 0 ? null : (Element) n.item(0);
    }

    @Test
    void aDeviatedRunIsATestSuiteWithATestCasePerProbeActivityAndRollback() throws Exception {
        Path file = dir.resolve("present");
        Files.writeString(file, "x");
        try (TestHttpServer app = new TestHttpServer()) {
            String experiment = """
                    {"title": "orders survive losing the cache", "description": "d",
                     "steady-state-hypothesis": {"title": "all is well", "probes": [
                       {"type": "probe", "name": "app-ok", "tolerance": 200,
                        "provider": {"type": "http", "url": "%1$s"}},
                       {"type": "probe", "name": "file-exists", "tolerance": 0,
                        "provider": {"type": "process", "path": "test", "arguments": ["-f", "%2$s"]}}]},
                     "method": [
                       {"type": "action", "name": "remove-file",
                        "provider": {"type": "process", "path": "rm", "arguments": ["-f", "%2$s"]}},
                       {"type": "action", "name": "call-expecting-201",
                        "provider": {"type": "http", "url": "%1$s", "expected_status": 201}}],
                     "rollbacks": [
                       {"type": "action", "name": "restore-file",
                        "provider": {"type": "process", "path": "touch", "arguments": ["%2$s"]}}]}
                    """.formatted(app.url("/health"), file);
            Path experimentFile = Fixtures.write(dir, "e.json", experiment);
            Path junit = dir.resolve("reports/TEST-chaos.xml");
            Files.createDirectories(junit.getParent());

            CliTest.Outcome o = CliTest.cli(
                    "run",
                    experimentFile.toString(),
                    "--journal-path",
                    dir.resolve("journal.json").toString(),
                    "--junit",
                    junit.toString());

            assertThat(o.code()).as(o.out() + o.err()).isEqualTo(1);
            assertThat(o.out()).contains("JUnit report written to " + junit);
            Document doc = parse(junit);
            Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
            assertThat(suite.getAttribute("name")).isEqualTo("orders survive losing the cache");
            assertThat(suite.getAttribute("tests")).isEqualTo("8");
            assertThat(suite.getAttribute("failures")).isEqualTo("2");
            assertThat(suite.getAttribute("errors")).isEqualTo("1");
            assertThat(suite.getAttribute("skipped")).isEqualTo("0");
            assertThat(Double.parseDouble(suite.getAttribute("time"))).isPositive();
            assertThat(doc.getDocumentElement().getTagName()).isEqualTo("testsuites");

            List<Element> cases = testcases(doc);
            assertThat(cases)
                    .extracting(c -> c.getAttribute("classname").replace("orders survive losing the cache", "X") + "/"
                            + c.getAttribute("name"))
                    .containsExactly(
                            "X.hypothesis.before/app-ok",
                            "X.hypothesis.before/file-exists",
                            "X.hypothesis.after/app-ok",
                            "X.hypothesis.after/file-exists",
                            "X.method/remove-file",
                            "X.method/call-expecting-201",
                            "X.rollbacks/restore-file",
                            "X/run");
            Element failed = child(cases.get(3), "failure");
            assertThat(failed.getAttribute("message")).contains("file-exists").contains("tolerance 0");
            assertThat(failed.getTextContent()).contains("tolerance: 0").contains("value: {\"status\":1");
            Element error = child(cases.get(5), "error");
            assertThat(error.getAttribute("message")).contains("expected status 201 but got 200");
            assertThat(child(cases.get(7), "failure").getAttribute("message")).contains("deviated");
            for (int i : new int[] {0, 1, 2, 4, 6}) {
                assertThat(cases.get(i).getChildNodes().getLength())
                        .as(cases.get(i).getAttribute("name") + " passed")
                        .isZero();
            }
            assertThat(file).exists(); // the rollback restored it
        }
    }

    @Test
    void aDryRunReportsItsSkippedActivitiesAndAPassingRunHasNoFailure() throws Exception {
        try (TestHttpServer app = new TestHttpServer()) {
            var experiment = ExperimentLoader.parse("""
                    {"title": "t & <friends>", "description": "d",
                     "steady-state-hypothesis": {"title": "ok", "probes": [
                       {"type": "probe", "name": "app-ok", "tolerance": 200,
                        "provider": {"type": "http", "url": "%s"}}]},
                     "method": [{"type": "action", "name": "would-break-things",
                        "provider": {"type": "http", "url": "http://127.0.0.1:1/never"}}]}
                    """.formatted(app.url("/")), "dry.json");
            RunResult result = Runner.prepare(experiment, RunOptions.defaults().withDry(Dry.ACTIONS))
                    .run();
            Path junit = dir.resolve("dry.xml");
            JUnitReport.write(result.journal(), junit);

            Document doc = parse(junit);
            Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
            assertThat(suite.getAttribute("name")).isEqualTo("t & <friends>");
            assertThat(suite.getAttribute("tests")).isEqualTo("4");
            assertThat(suite.getAttribute("failures")).isEqualTo("0");
            assertThat(suite.getAttribute("errors")).isEqualTo("0");
            assertThat(suite.getAttribute("skipped")).isEqualTo("1");
            Element skipped = testcases(doc).get(2);
            assertThat(skipped.getAttribute("name")).isEqualTo("would-break-things");
            assertThat(child(skipped, "skipped")).isNotNull();
        }
    }
}
