-- Tillpay ledger, schema version 6: reconciliation reads a store's sales in transaction id order from an index.
-- Runs unchanged on PostgreSQL 15 and H2 2.2. Statements end with ';' at the end of a line.
-- With it, H2 streams the sales side of a reconciliation in index order instead of sorting every sale of the store
-- (SettlementReconciler orders by exactly these columns; payment_id orders sales that share a transaction). The
-- settlement side already has tillpay_settlement_line_store_ix (store_id, transaction_id) from version 4.
-- PostgreSQL sorts transaction ids with COLLATE "C" and so still sorts, as it did before this index.

CREATE INDEX tillpay_payment_store_transaction_ix ON tillpay_payment (store_id, transaction_id, payment_id);
