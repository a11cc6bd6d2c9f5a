package org.tillpay.itests;

import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.streamBundle;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarInputStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.tinybundles.TinyBundles;
import org.osgi.framework.Constants;

/**
 * Reads the XLSX and PDF downloads back inside Karaf with the libraries themselves: fastexcel's reader (made a bundle
 * here, it has no OSGi manifest) and Apache PDFBox, provisioned into the container for the test only (the reports bundle
 * embeds its own writers).
 */
final class ReportReaders {

    private ReportReaders() {
    }

    /** @return the bundles the readers need in the container */
    static Option[] bundles() {
        return new Option[] {
            mavenBundle("commons-logging", "commons-logging").versionAsInProject(),
            mavenBundle("org.apache.pdfbox", "pdfbox-io").versionAsInProject(),
            mavenBundle("org.apache.pdfbox", "fontbox").versionAsInProject(),
            mavenBundle("org.apache.pdfbox", "pdfbox").versionAsInProject(),
            mavenBundle("org.codehaus.woodstox", "stax2-api").versionAsInProject(),
            mavenBundle("com.fasterxml", "aalto-xml").versionAsInProject(),
            mavenBundle("commons-io", "commons-io").versionAsInProject(),
            mavenBundle("commons-codec", "commons-codec").versionAsInProject(),
            mavenBundle("org.apache.commons", "commons-lang3").versionAsInProject(),
            mavenBundle("org.apache.commons", "commons-compress").versionAsInProject(),
            streamBundle(fastexcelReader()),
        };
    }

    /**
     * fastexcel's reader made a bundle (TinyBundles): the container's {@code wrap:} handler is not there yet
     * when Pax Exam provisions its bundles at boot.
     */
    private static InputStream fastexcelReader() {
        String url = maven("org.dhatim", "fastexcel-reader").versionAsInProject().getURL();
        String version = url.substring(url.lastIndexOf('/') + 1);
        Path jar = Path.of(System.getProperty("org.ops4j.pax.url.mvn.localRepository",
                System.getProperty("user.home") + "/.m2/repository"), "org", "dhatim", "fastexcel-reader", version,
                "fastexcel-reader-" + version + ".jar");
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            return TinyBundles.bundle().readIn(in).symbolicName("org.dhatim.fastexcel.reader")
                    .setHeader(Constants.BUNDLE_VERSION, version)
                    .setHeader(Constants.BUNDLE_MANIFESTVERSION, "2")
                    .setHeader(Constants.EXPORT_PACKAGE, "org.dhatim.fastexcel.reader;version=" + version)
                    // what its classes use (jdeps), besides java.*
                    .setHeader(Constants.IMPORT_PACKAGE, "com.fasterxml.aalto.stax,javax.xml.stream,"
                            + "org.apache.commons.compress.archivers.zip,org.apache.commons.compress.utils")
                    .build(TinyBundles.rawBuilder());
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + jar, e);
        }
    }

    /** @return every non-empty row of the workbook's first sheet, as text */
    static List<List<String>> xlsx(byte[] bytes) throws IOException {
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(bytes))) {
            List<List<String>> rows = new ArrayList<>();
            for (Row r : wb.getFirstSheet().read()) {
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < r.getCellCount(); i++) {
                    cells.add(r.getCellText(i));
                }
                rows.add(cells);
            }
            return rows;
        }
    }

    /** @return the PDF's text, lines joined with \n */
    static String pdf(byte[] bytes) throws IOException {
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            return String.join("\n", new PDFTextStripper().getText(doc).lines().toList());
        }
    }
}
