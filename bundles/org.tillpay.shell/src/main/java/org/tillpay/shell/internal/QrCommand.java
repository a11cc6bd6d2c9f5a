package org.tillpay.shell.internal;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code tillpay:qr}: writes the payment link as a QR code PNG, e.g. for the customer display. */
@Service
@Command(scope = "tillpay", name = "qr", description = "Writes a payment's link as a QR code PNG file")
public class QrCommand extends PaymentActionCommand {

    @Argument(index = 1, name = "file", required = true, description = "Where to write the PNG")
    String file;

    @Option(name = "--size", description = "Width and height in pixels, 64 to 2048 (default 320)")
    int size = 320;

    @Override
    public Object execute() throws Exception {
        byte[] png = methodOfPayment().qrCodePng(paymentId, size);
        Path target = Path.of(file).toAbsolutePath();
        Files.write(target, png);
        System.out.println("QR code of payment " + paymentId + " written to " + target + " (" + png.length + " bytes)");
        return null;
    }
}
