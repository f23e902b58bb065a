// A stand-in for LanguageTool's server class, for tests of the local-folder path.
// Started exactly as LanguageTool is: java -cp languagetool-server.jar
// org.languagetool.server.HTTPServer -p PORT. OPED_STUB_MODE=hang never answers;
// OPED_STUB_MODE=crash exits at once. Otherwise it flags every "teh".
package org.languagetool.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

public class HTTPServer {
    public static void main(String[] args) throws Exception {
        String mode = System.getenv().getOrDefault("OPED_STUB_MODE", "ok");
        if (mode.equals("crash")) {
            System.exit(3);
        }
        if (mode.equals("hang")) {
            Thread.sleep(600_000);
            return;
        }
        int port = 8081;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("-p") || args[i].equals("--port")) {
                port = Integer.parseInt(args[i + 1]);
            }
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/v2/languages", ex -> send(ex,
            "[{\"name\":\"English (US)\",\"code\":\"en\",\"longCode\":\"en-US\"}]"));
        server.createContext("/v2/healthcheck", ex -> send(ex, "{\"status\":\"ok\"}"));
        server.createContext("/v2/check", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String text = "";
            for (String pair : body.split("&")) {
                if (pair.startsWith("text=")) {
                    text = URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
                }
            }
            StringBuilder matches = new StringBuilder();
            int at = text.indexOf("teh");
            while (at >= 0) {
                if (matches.length() > 0) matches.append(',');
                matches.append("{\"message\":\"Possible spelling mistake found.\",")
                    .append("\"replacements\":[{\"value\":\"the\"}],")
                    .append("\"offset\":").append(at).append(",\"length\":3,")
                    .append("\"context\":{\"text\":\"\",\"offset\":0,\"length\":0},")
                    .append("\"sentence\":\"\",\"type\":{\"typeName\":\"Other\"},")
                    .append("\"rule\":{\"id\":\"MORFOLOGIK_RULE_EN_US\",\"description\":\"\",")
                    .append("\"issueType\":\"misspelling\",")
                    .append("\"category\":{\"id\":\"TYPOS\",\"name\":\"Possible Typo\"}}}");
                at = text.indexOf("teh", at + 3);
            }
            send(ex, "{\"software\":{\"name\":\"LanguageTool\",\"version\":\"stub\"},"
                + "\"language\":{\"name\":\"English (US)\",\"code\":\"en-US\"},"
                + "\"matches\":[" + matches + "]}");
        });
        server.start();
    }

    private static void send(HttpExchange ex, String json) throws java.io.IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
