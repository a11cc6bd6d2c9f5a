/** The emulator's implementation: plain-Java core, dispatcher servlet, callback sender and signer, DS components. */
package org.tillpay.dintero.emulator.internal;
