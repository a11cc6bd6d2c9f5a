/** The JDBC implementations of the payment ledger and the settlement store, and their schema migrations; private to the bundle. */
package org.tillpay.ledger.internal;
