package org.tillpay.dintero.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.junit.jupiter.api.Test;

class SecretReferencesTest {

    @Test
    void secretsWrittenOutAreFoundAndNamedOnesAreNot() {
        Dictionary<String, Object> stored = new Hashtable<>();
        stored.put("client.secret", "$[secret:012-client-secret]");
        stored.put("signature.secret", "written-out-signature-secret");
        stored.put("webhook.secret", "$[env:TILLPAY_012_WEBHOOK]");
        stored.put("smtp.password", " ");
        stored.put("client.id", "not-a-secret");

        assertEquals(List.of("signature.secret"), SecretReferences.plainText(stored));
        assertEquals(List.of(), SecretReferences.plainText(null));
    }
}
