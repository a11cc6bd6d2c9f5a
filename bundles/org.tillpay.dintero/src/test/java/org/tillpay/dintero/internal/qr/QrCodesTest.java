package org.tillpay.dintero.internal.qr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;

/** QR codes decode back to their text, are real PNGs of the asked size, and refuse bad sizes. */
class QrCodesTest {

    private static final String LINK = "https://checkout.dintero.com/v1/view/"
            + "T12345678.4XaEx9bq3Mhp3ZeNBLPZsu?language=nb-NO&sid=0123456789abcdef";

    private static BufferedImage image(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(image, "ImageIO reads the PNG");
        return image;
    }

    private static String decode(BufferedImage image) throws NotFoundException {
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        Result result = new MultiFormatReader().decode(bitmap, Map.of(DecodeHintType.POSSIBLE_FORMATS,
                java.util.List.of(BarcodeFormat.QR_CODE), DecodeHintType.PURE_BARCODE, Boolean.FALSE));
        assertEquals(BarcodeFormat.QR_CODE, result.getBarcodeFormat());
        return result.getText();
    }

    @Test
    void linkRoundTripsAtSeveralSizes() throws Exception {
        for (int size : new int[] {128, 256, 300, 1024}) {
            byte[] png = QrCodes.png(LINK, size);
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, Arrays.copyOf(png, 8));
            BufferedImage image = image(png);
            assertEquals(size, image.getWidth());
            assertEquals(size, image.getHeight());
            assertEquals(LINK, decode(image), "size " + size);
        }
    }

    @Test
    void smallestSizeAndNonAsciiText() throws Exception {
        BufferedImage small = image(QrCodes.png("https://pay.example.no/a", 64));
        assertEquals(64, small.getWidth());
        assertEquals("https://pay.example.no/a", decode(small));
        String text = "https://butikk.example.no/betal?vare=blåbærsyltetøy";
        assertEquals(text, decode(image(QrCodes.png(text, 512))));
    }

    @Test
    void hasAQuietZone() throws Exception {
        BufferedImage image = image(QrCodes.png(LINK, 400));
        // the border (at least 4 modules of a few pixels each) is white all round
        for (int i = 0; i < 400; i++) {
            for (int edge : new int[] {0, 1, 2, 397, 398, 399}) {
                assertEquals(0xFFFFFFFF, image.getRGB(i, edge), "row " + edge);
                assertEquals(0xFFFFFFFF, image.getRGB(edge, i), "column " + edge);
            }
        }
    }

    @Test
    void sizeIsChecked() {
        for (int size : new int[] {63, 2049, 0, -1}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QrCodes.png(LINK, size));
            assertTrue(e.getMessage().startsWith("size: "), e.getMessage());
        }
        QrCodes.png(LINK, 2048);
        IllegalArgumentException tooSmall = assertThrows(IllegalArgumentException.class,
                () -> QrCodes.png(LINK.repeat(4), 64));
        assertTrue(tooSmall.getMessage().startsWith("size: "), tooSmall.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> QrCodes.png("", 128));
        assertTrue(empty.getMessage().startsWith("text: "), empty.getMessage());
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> QrCodes.png("x".repeat(5000), 2048));
        assertTrue(tooLong.getMessage().startsWith("text: "), tooLong.getMessage());
    }
}
