-- Tillpay ledger, schema version 7: row locks taken by an update, and the pollers' leases on pending payments.
-- Runs unchanged on PostgreSQL 15 and H2 2.2. Statements end with ';' at the end of a line.
-- lock_seq: a change of one payment takes the row lock by incrementing it (LockedPayment), so the lock is always
-- taken on the latest committed row and every read after it in the transaction reads again (see LockedPayment).
-- poll_node, poll_lease_until: the node whose poller has claimed the payment for a read-back round, and until when
-- (PaymentLedger.claimForPolling); a lease that has run out may be claimed by any node.

ALTER TABLE tillpay_payment ADD COLUMN lock_seq bigint DEFAULT 0 NOT NULL;

ALTER TABLE tillpay_payment ADD COLUMN poll_node varchar(100);

ALTER TABLE tillpay_payment ADD COLUMN poll_lease_until timestamp(3) with time zone;
