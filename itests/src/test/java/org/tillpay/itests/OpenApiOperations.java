package org.tillpay.itests;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operations of the console's {@code openapi.yaml}, read by a small line reader (the container has no YAML
 * library): the file keeps the usual layout, a path at two spaces under {@code paths:}, its methods at four and their
 * keys at six. The console's own unit test reads the same file with a YAML parser; here every operation found must
 * name its {@code operationId} and {@code x-tillpay-role}, or reading fails.
 */
final class OpenApiOperations {

    /**
     * One operation.
     *
     * @param method GET, POST, ...
     * @param path below the API's base, with {@code {parameters}}
     * @param operationId its id
     * @param role {@code public}, {@code cashier}, {@code manager} or {@code admin}
     */
    record Operation(String method, String path, String operationId, String role) {

        /** @return true for methods that change something (and need the CSRF token with a session) */
        boolean changes() {
            return !method.equals("GET") && !method.equals("HEAD");
        }

        @Override
        public String toString() {
            return method + " " + path + " (" + operationId + ", " + role + ")";
        }
    }

    private static final Pattern PATH = Pattern.compile("^  (/\\S*):\\s*$");
    private static final Pattern METHOD = Pattern.compile("^    (get|put|post|delete|patch|head|options):\\s*$");
    private static final Pattern KEY = Pattern.compile("^      ([\\w-]+):\\s*(\\S+)\\s*$");

    private OpenApiOperations() {
    }

    /**
     * @param yaml the file's text
     * @return its operations, in the file's order
     * @throws AssertionError when an operation lacks its operationId or role
     */
    static List<Operation> read(String yaml) {
        List<Operation> operations = new ArrayList<>();
        boolean inPaths = false;
        String path = null;
        String[] current = null; // method, operationId, role
        for (String line : (yaml + "\nend:").split("\r?\n")) {
            if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && !line.startsWith("#")) {
                current = finish(operations, path, current);
                inPaths = line.startsWith("paths:");
                continue;
            }
            if (!inPaths) {
                continue;
            }
            Matcher m;
            if ((m = PATH.matcher(line)).matches()) {
                current = finish(operations, path, current);
                path = m.group(1);
            } else if ((m = METHOD.matcher(line)).matches()) {
                current = finish(operations, path, current);
                current = new String[] {m.group(1).toUpperCase(java.util.Locale.ROOT), null, null};
            } else if (current != null && (m = KEY.matcher(line)).matches()) {
                if (m.group(1).equals("operationId")) {
                    current[1] = m.group(2);
                } else if (m.group(1).equals("x-tillpay-role")) {
                    current[2] = m.group(2);
                }
            }
        }
        return operations;
    }

    private static String[] finish(List<Operation> operations, String path, String[] current) {
        if (current != null) {
            if (current[1] == null || current[2] == null) {
                throw new AssertionError(current[0] + " " + path + " has no operationId or no x-tillpay-role");
            }
            operations.add(new Operation(current[0], path, current[1], current[2]));
        }
        return null;
    }
}
