-- Tillpay ledger, schema version 5: the files Dintero attached to each settlement (the provider's source file and
-- Dintero's normalised report), kept so they can be downloaded and forwarded, and which store e-mailed which
-- settlement to its recipient. Runs unchanged on PostgreSQL 15 and H2 2.2 (bytea is H2's alias for VARBINARY).
-- Statements end with ';' at the end of a line.

-- One row per settlement (and currency, see V4) and attachment; stored in the transaction that stores the settlement.
CREATE TABLE tillpay_settlement_file (
    settlement_id  varchar(255)  NOT NULL,
    attachment_id  varchar(255)  NOT NULL,
    file_name      varchar(255)  NOT NULL,
    content_type   varchar(128)  NOT NULL,
    created_by     varchar(64),
    size_bytes     bigint        NOT NULL,
    content        bytea         NOT NULL,
    CONSTRAINT tillpay_settlement_file_pk PRIMARY KEY (settlement_id, attachment_id),
    CONSTRAINT tillpay_settlement_file_settlement_fk FOREIGN KEY (settlement_id)
        REFERENCES tillpay_settlement (settlement_id)
);

-- A settlement a store has e-mailed to its recipient, recorded after the SMTP server took the message: a store sends
-- each settlement until it is recorded here (a crash between the two sends it again rather than never).
CREATE TABLE tillpay_settlement_forward (
    settlement_id  varchar(255)  NOT NULL,
    store_id       varchar(64)   NOT NULL,
    recipient      varchar(320)  NOT NULL,
    forwarded_at   timestamp(3) with time zone NOT NULL,
    CONSTRAINT tillpay_settlement_forward_pk PRIMARY KEY (settlement_id, store_id),
    CONSTRAINT tillpay_settlement_forward_settlement_fk FOREIGN KEY (settlement_id)
        REFERENCES tillpay_settlement (settlement_id)
);

CREATE INDEX tillpay_settlement_fetched_ix ON tillpay_settlement (account_id, fetched_at);
