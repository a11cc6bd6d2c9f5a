/** The JDBC implementation of the payment ledger and its schema migrations; private to the bundle. */
package org.tillpay.ledger.internal;
