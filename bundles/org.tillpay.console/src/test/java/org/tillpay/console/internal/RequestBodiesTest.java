package org.tillpay.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.tillpay.payment.api.LinkExpiry;
import org.tillpay.payment.api.OperationRequest;
import org.tillpay.payment.api.PaymentMethodChoice;
import org.tillpay.payment.api.PaymentRequest;

import com.fasterxml.jackson.databind.JsonNode;

class RequestBodiesTest {

    private static JsonNode json(String text) throws Exception {
        return ConsoleJson.MAPPER.readTree(text.replace('\'', '"'));
    }

    private static ApiException refused(String body) {
        return assertThrows(ApiException.class, () -> RequestBodies.sale("demo", json(body), "kari"));
    }

    @Test
    void aSaleBecomesTheSpisRequest() throws Exception {
        PaymentRequest r = RequestBodies.sale("demo", json("{'saleReference':'S-1','currency':'NOK','lines':["
                + "{'lineId':'1','description':'Genser','quantity':2,'unitPriceMinor':29900},"
                + "{'lineId':'2','description':'Bok','unitPriceMinor':19900,'vatPercent':0}],"
                + "'customerPhone':'+4799999999','paymentMethods':['vipps','card'],'expiry':'ONE_WEEK',"
                + "'autoCapture':true,'sendSms':false,'linkOnly':true}"), "kari");
        assertEquals("demo", r.storeId());
        assertEquals(79700, r.amountMinor());
        assertEquals(11960, r.vatAmountMinor());
        assertEquals("console-kari", r.tillId().orElseThrow());
        assertEquals(Set.of(PaymentMethodChoice.fromId("vipps"), PaymentMethodChoice.fromId("card")),
                r.linkOptions().paymentMethods());
        assertEquals(LinkExpiry.ONE_WEEK, r.linkOptions().expiry());
        assertTrue(r.linkOptions().autoCapture());
        assertTrue(r.linkOptions().linkOnly());
    }

    @Test
    void eachBadFieldIsNamed() {
        String line = "{'lineId':'1','description':'x','unitPriceMinor':100}";
        assertEquals("saleReference", refused("{'currency':'NOK','lines':[" + line + "]}").field());
        assertEquals("lines", refused("{'saleReference':'S','currency':'NOK','lines':[]}").field());
        assertEquals("lines[0].unitPriceMinor", refused("{'saleReference':'S','currency':'NOK','lines':["
                + "{'lineId':'1','description':'x','unitPriceMinor':1.5}]}").field());
        assertEquals("lines[1].description", refused("{'saleReference':'S','currency':'NOK','lines':[" + line
                + ",{'lineId':'2','unitPriceMinor':100}]}").field());
        ApiException phone = refused("{'saleReference':'S','currency':'NOK','lines':[" + line
                + "],'customerPhone':'99999999'}");
        assertEquals("customerPhone", phone.field());
        assertTrue(phone.getMessage().startsWith("must be"), "said once, not after the field: " + phone.getMessage());
        assertEquals("lines[0].unitPriceMinor", refused("{'saleReference':'S','currency':'NOK','lines':["
                + "{'lineId':'1','description':'x','unitPriceMinor':-5}]}").field(), "the SPI's unitPrice, as sent");
        assertEquals("paymentMethods", refused("{'saleReference':'S','currency':'NOK','lines':[" + line
                + "],'paymentMethods':['cash']}").field());
        assertEquals("expiry", refused("{'saleReference':'S','currency':'NOK','lines':[" + line
                + "],'expiry':'FOREVER'}").field());
        assertEquals("express", refused("{'saleReference':'S','currency':'NOK','lines':[" + line
                + "],'express':'yes'}").field());
        assertEquals(ApiException.Type.INVALID_REQUEST, refused("{'saleReference':'S','currency':'XXX1','lines':["
                + line + "]}").type());
    }

    @Test
    void aRefundByLinesNamesWhoAsked() throws Exception {
        OperationRequest r = RequestBodies.operation(json("{'reference':'RET-1','lines':[{'lineId':'2'},"
                + "{'lineId':'1','quantity':1}],'reason':'return'}"), "manager");
        assertEquals("RET-1", r.reference().orElseThrow());
        assertEquals("manager", r.requestedBy());
        assertEquals(2, r.lines().size());
        assertEquals("lines[0].quantity", assertThrows(ApiException.class, () -> RequestBodies.operation(
                json("{'reference':'R','lines':[{'lineId':'1','quantity':'two'}]}"), "m")).field());
        assertEquals("reference", assertThrows(ApiException.class, () -> RequestBodies.operation(json("{}"), "m"))
                .field());
    }
}
