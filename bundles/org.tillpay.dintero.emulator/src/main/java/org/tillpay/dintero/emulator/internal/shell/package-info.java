/** Karaf shell commands of the Dintero emulator (scope {@code dintero-emulator}); private to the bundle. */
package org.tillpay.dintero.emulator.internal.shell;
