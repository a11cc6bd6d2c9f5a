package org.tillpay.dintero.internal.qr;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/** QR codes of payment links as PNG images (ZXing; error correction M; a 4-module quiet zone). */
public final class QrCodes {

    /** The smallest image size accepted, in pixels. */
    public static final int MIN_SIZE = 64;
    /** The largest image size accepted, in pixels. */
    public static final int MAX_SIZE = 2048;
    /** The quiet zone around the code, in modules (ISO/IEC 18004 asks for 4). */
    static final int QUIET_ZONE_MODULES = 4;

    private static final int BLACK = 0xFF000000;
    private static final int WHITE = 0xFFFFFFFF;

    private QrCodes() {
    }

    /**
     * @param text what the code holds, typically the payment link (UTF-8)
     * @param sizePixels the width and height of the square image, {@value #MIN_SIZE} to {@value #MAX_SIZE}
     * @return a PNG of exactly {@code sizePixels} × {@code sizePixels}, black on white
     * @throws IllegalArgumentException naming {@code size} when the size is out of range or too small for the text,
     *         or {@code text} when it is empty or too long for a QR code
     */
    public static byte[] png(String text, int sizePixels) {
        if (sizePixels < MIN_SIZE || sizePixels > MAX_SIZE) {
            throw new IllegalArgumentException("size: must be between " + MIN_SIZE + " and " + MAX_SIZE
                    + " pixels, was " + sizePixels);
        }
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("text: is required");
        }
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
        hints.put(EncodeHintType.MARGIN, QUIET_ZONE_MODULES);
        hints.put(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, sizePixels, sizePixels, hints);
        } catch (WriterException tooLong) {
            throw new IllegalArgumentException("text: cannot be put in a QR code (" + text.length()
                    + " characters): " + tooLong.getMessage());
        }
        if (matrix.getWidth() > sizePixels || matrix.getHeight() > sizePixels) {
            // ZXing never shrinks a module below one pixel: the image would come out larger than asked
            throw new IllegalArgumentException("size: " + sizePixels + " pixels is too small for this text, which needs "
                    + "at least " + matrix.getWidth() + " pixels");
        }
        return toPng(matrix);
    }

    private static byte[] toPng(BitMatrix matrix) {
        int width = matrix.getWidth();
        int height = matrix.getHeight();
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_BINARY);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                row[x] = matrix.get(x, y) ? BLACK : WHITE;
            }
            image.setRGB(0, y, width, 1, row, 0, width);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer in this Java runtime");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
