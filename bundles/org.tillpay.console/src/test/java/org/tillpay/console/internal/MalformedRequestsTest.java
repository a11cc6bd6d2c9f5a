package org.tillpay.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Whatever a client sends, the API answers a refusal (400, 413, 415) and never fails: every field of a valid sale and
 * of a valid capture, in turn left out or replaced by a value of every other JSON type, is either accepted or refused
 * as a 400 naming the field; and the body is read within the limit whether or not its length was sent.
 */
class MalformedRequestsTest {

    private static final String SALE = "{'saleReference':'S-1','currency':'NOK','tillId':'T-1','lines':["
            + "{'lineId':'1','description':'Genser','quantity':2,'unitPriceMinor':29900,'vatPercent':25}],"
            + "'customerPhone':'+4799999999','customerEmail':'kunde@example.no','paymentMethods':['vipps'],"
            + "'expiry':'ONE_WEEK','express':false,'autoCapture':true,'sendSms':true,'sendEmail':false,"
            + "'linkOnly':false}";
    private static final String OPERATION = "{'reference':'R-1','amountMinor':100,'reason':'r',"
            + "'lines':[{'lineId':'1','quantity':1}]}";
    private static final List<String> WRONG = List.of("null", "''", "'x'", "0", "-1", "1.5", "1e400",
            "9223372036854775808", "4294967297", "true", "[]", "{}", "[1]", "{'a':1}", "[[[]]]", "'\\u0000'");

    private static JsonNode json(String text) throws Exception {
        return ConsoleJson.MAPPER.readTree(text.replace('\'', '"'));
    }

    /** Every body that differs from {@code valid} in one field: left out, or each of {@link #WRONG}. */
    private static List<Map.Entry<String, JsonNode>> mutations(String valid) throws Exception {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        JsonNode root = json(valid);
        collect(root, root, "", out);
        return out;
    }

    private static void collect(JsonNode root, JsonNode node, String at, List<Map.Entry<String, JsonNode>> out)
            throws Exception {
        if (node instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode original = o.get(name);
                o.remove(name);
                out.add(Map.entry(at + name + " left out", root.deepCopy()));
                for (String wrong : WRONG) {
                    o.set(name, json(wrong));
                    out.add(Map.entry(at + name + "=" + wrong, root.deepCopy()));
                }
                o.set(name, original);
                collect(root, original, at + name + ".", out);
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                collect(root, a.get(i), at + i + ".", out);
            }
        }
    }

    private static void acceptedOrRefused(String valid, int fields, Consumer<JsonNode> read) throws Exception {
        List<Map.Entry<String, JsonNode>> mutations = mutations(valid);
        for (Map.Entry<String, JsonNode> m : mutations) {
            try {
                read.accept(m.getValue());
            } catch (ApiException e) {
                assertEquals(400, e.type().status, m.getKey());
            } catch (RuntimeException e) {
                fail(m.getKey() + " failed instead of being refused: " + e, e);
            }
        }
        assertEquals(fields * (WRONG.size() + 1), mutations.size(), "every field was tried");
    }

    @Test
    void everyBrokenSaleIsAcceptedOrRefusedAs400() throws Exception {
        acceptedOrRefused(SALE, 18, body -> RequestBodies.sale("demo", body, "kari"));
    }

    @Test
    void everyBrokenCaptureIsAcceptedOrRefusedAs400() throws Exception {
        acceptedOrRefused(OPERATION, 6, body -> RequestBodies.operation(body, "kari"));
    }

    @Test
    void aQuantityTooLargeForTheTillIsRefusedNotCutShort() throws Exception {
        ApiException e = assertThrows(ApiException.class, () -> RequestBodies.sale("demo", json(SALE.replace(
                "'quantity':2", "'quantity':4294967298")), "kari"));
        assertEquals("lines[0].quantity", e.field());
        assertEquals("paymentMethods", assertThrows(ApiException.class, () -> RequestBodies.sale("demo",
                json(SALE.replace("['vipps']", "'vipps'")), "kari")).field(), "a string is not a list");
        assertEquals("lines", assertThrows(ApiException.class, () -> RequestBodies.operation(json(OPERATION
                .replace("[{'lineId':'1','quantity':1}]", "{'a':{'lineId':'1'}}")), "kari")).field());
    }

    private static Exchange exchange(FakeHttp.Request request, int limit) {
        return new Exchange(request.proxy(), new FakeHttp.Response().proxy(), new ConsoleUser("kari",
                java.util.Set.of(Role.CASHIER)), null, new RequestLimits(limit));
    }

    @Test
    void aBodyIsReadNoFurtherThanTheLimitWithOrWithoutItsLength() throws Exception {
        byte[] big = ("{\"a\":\"" + "x".repeat(2000) + "\"}").getBytes(StandardCharsets.UTF_8);
        for (boolean sendLength : new boolean[] {true, false}) {
            FakeHttp.Request r = new FakeHttp.Request("POST", "/api/v1/session").body("application/json", big);
            r.sendLength = sendLength;
            assertEquals(ApiException.Type.PAYLOAD_TOO_LARGE, assertThrows(ApiException.class,
                    () -> exchange(r, 1024).body()).type());
            assertEquals(2000, exchange(r, big.length).body().path("a").asText().length(), "at the limit: read");
        }
    }

    @Test
    void theHeadersAloneRefuseATooLargeOrNonJsonBody() {
        RequestLimits limits = new RequestLimits(1024);
        limits.check(null, -1, false);
        limits.check(null, 0, false);
        limits.check("text/plain", 0, false);
        limits.check("application/json", 1024, false);
        limits.check("Application/JSON; charset=\"UTF-8\"", 10, false);
        assertEquals(ApiException.Type.PAYLOAD_TOO_LARGE, assertThrows(ApiException.class,
                () -> limits.check("application/json", 1025, false)).type());
        for (String type : new String[] {null, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data",
            "application/json-seq", "application/json; charset=utf-16"}) {
            assertEquals(ApiException.Type.UNSUPPORTED_MEDIA_TYPE, assertThrows(ApiException.class,
                    () -> limits.check(type, 10, false)).type(), type);
            assertEquals(ApiException.Type.UNSUPPORTED_MEDIA_TYPE, assertThrows(ApiException.class,
                    () -> limits.check(type, -1, true)).type(), type + " streamed");
        }
    }
}
