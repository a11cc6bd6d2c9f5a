-- Tillpay ledger, schema version 9: two indexes of version 8 serve the lookups two older ones did, so the older ones
-- go (each index costs every write; on H2 each commit writes its changed index pages at once):
-- tillpay_payment_unconfirmed_ix (session_id, ...) finds a store's payment of a session as
-- tillpay_payment_session_ix (store_id, session_id) did, and tillpay_callback_hint_awaiting_ix (processed_at,
-- store_id) a store's unprocessed callbacks as tillpay_callback_hint_pending_ix (store_id, processed_at) did.
-- (tillpay_payment_status_ix and tillpay_payment_operation_open_ix stay: with a list of statuses first, H2 would read
-- the pending payments of every store to find one store's.) Runs unchanged on PostgreSQL 15 and H2 2.2. Statements
-- end with ';' at the end of a line.

DROP INDEX tillpay_payment_session_ix;

DROP INDEX tillpay_callback_hint_pending_ix;
