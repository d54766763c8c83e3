package dev.kintsugi.platform.web;

import java.io.IOException;
import java.io.PrintWriter;
import org.apache.catalina.Container;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * What Tomcat answers for a request it refuses before the application sees it (a {@code %00} or {@code %2F} in
 * the path, say): RFC 9457 problem details under {@code /api/}, a plain page in the product's style elsewhere,
 * instead of Tomcat's own HTML report. Errors the application handled itself already have a body and pass through.
 */
public class RejectedUrlReports extends ErrorReportValve {

    /** Makes this the host's error report valve, in place of Tomcat's. */
    static void install(Container host) {
        if (host instanceof StandardHost standard) {
            standard.setErrorReportValveClass(RejectedUrlReports.class.getName());
        }
        RejectedUrlReports valve = new RejectedUrlReports();
        valve.setShowReport(false);
        valve.setShowServerInfo(false);
        host.getPipeline().addValve(valve);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || response.isCommitted()) {
            return;
        }
        String uri = request.getRequestURI() == null ? "" : request.getRequestURI();
        boolean api = uri.startsWith("/api/");
        String detail = status == 400
                ? "The request URL is not allowed (an encoded '/', '\\\\' or NUL, or a path that leaves the site)"
                : "The request could not be served";
        try {
            response.setCharacterEncoding("UTF-8");
            response.setContentType(api ? "application/problem+json" : "text/html;charset=UTF-8");
            PrintWriter out = response.getReporter();
            if (out == null) {
                return;
            }
            if (api) {
                out.write("{\"type\":\"about:blank\",\"title\":\"" + title(status) + "\",\"status\":" + status
                        + ",\"detail\":\"" + detail.replace("\\", "\\\\") + "\",\"field\":\"path\"}");
            } else {
                out.write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + status + " "
                        + title(status) + " · Kintsugi</title><link rel=\"stylesheet\" href=\"/css/kintsugi.css\">"
                        + "</head><body class=\"login-body\"><main class=\"login-card\"><h1>" + status + " "
                        + title(status) + "</h1><p>" + detail.replace("<", "&lt;") + ".</p><p><a href=\"/\">"
                        + "Kintsugi</a></p></main></body></html>");
            }
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was taken meanwhile: nothing more to say
        }
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 404 -> "Not found";
            case 413 -> "Content too large";
            default -> status >= 500 ? "Server error" : "Request refused";
        };
    }
}
