-- Tillpay ledger, schema version 4: Dintero's settlements (payouts) and their per-transaction lines, for reconciliation.
-- Runs unchanged on PostgreSQL 15 and H2 2.2. Statements end with ';' at the end of a line.
-- One row per settlement and currency: when Dintero reports several currencies in one payout, the caller stores one
-- settlement per currency, with the currency appended to the id (for example "st_123-SEK"), and splits the lines alike.

CREATE TABLE tillpay_settlement (
    settlement_id      varchar(255)  NOT NULL,
    account_id         varchar(64)   NOT NULL,
    store_id           varchar(64),
    provider           varchar(64)   NOT NULL,
    provider_reference varchar(255),
    payment_status     varchar(32)   NOT NULL,
    currency           char(3)       NOT NULL,
    capture_minor      bigint        NOT NULL,
    refund_minor       bigint        NOT NULL,
    fee_minor          bigint        NOT NULL,
    amount_minor       bigint        NOT NULL,
    settled_at         date          NOT NULL,
    start_at           timestamp(3) with time zone,
    end_at             timestamp(3) with time zone,
    created_at         timestamp(3) with time zone,
    fetched_at         timestamp(3) with time zone NOT NULL,
    CONSTRAINT tillpay_settlement_pk PRIMARY KEY (settlement_id)
);

CREATE INDEX tillpay_settlement_account_ix ON tillpay_settlement (account_id, settled_at);

-- amount_minor is positive for captures and refunds alike; event tells them apart (CAPTURE or REFUND)
CREATE TABLE tillpay_settlement_line (
    settlement_id        varchar(255)  NOT NULL,
    line_no              int           NOT NULL,
    transaction_id       varchar(255)  NOT NULL,
    merchant_reference   varchar(255),
    store_id             varchar(64),
    payment_product_type varchar(64),
    event                varchar(16)   NOT NULL,
    amount_minor         bigint        NOT NULL,
    fee_minor            bigint        NOT NULL,
    currency             char(3)       NOT NULL,
    event_at             timestamp(3) with time zone,
    CONSTRAINT tillpay_settlement_line_pk PRIMARY KEY (settlement_id, line_no),
    CONSTRAINT tillpay_settlement_line_settlement_fk FOREIGN KEY (settlement_id)
        REFERENCES tillpay_settlement (settlement_id)
);

CREATE INDEX tillpay_settlement_line_transaction_ix ON tillpay_settlement_line (transaction_id);

CREATE INDEX tillpay_settlement_line_store_ix ON tillpay_settlement_line (store_id, transaction_id);

-- reconciliation finds sales by Dintero transaction id
CREATE INDEX tillpay_payment_transaction_ix ON tillpay_payment (transaction_id);
