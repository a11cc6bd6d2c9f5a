-- Tillpay ledger, schema version 8: indexes for PaymentLedger.storesAwaitingProvider, which asks once for all stores
-- which of them a poller has work for. The indexes of versions 1-3 lead with store_id, so a question over all stores
-- would read them whole; these lead with the condition, so each part reads only the rows awaiting something (a few,
-- however many payments are final). Runs unchanged on PostgreSQL 15 and H2 2.2. Statements end with ';' at the end
-- of a line.

CREATE INDEX tillpay_payment_awaiting_ix ON tillpay_payment (status, store_id);

CREATE INDEX tillpay_payment_unconfirmed_ix ON tillpay_payment (session_id, expires_at, store_id);

CREATE INDEX tillpay_payment_operation_awaiting_ix ON tillpay_payment_operation (state, store_id);

CREATE INDEX tillpay_callback_hint_awaiting_ix ON tillpay_callback_hint (processed_at, store_id);
