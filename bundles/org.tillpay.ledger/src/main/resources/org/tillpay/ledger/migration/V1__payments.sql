-- Tillpay ledger, schema version 1: payments, their lines and their status history.
-- Runs unchanged on PostgreSQL 15 and H2 2.2. Statements end with ';' at the end of a line.
-- Instants are stored as timestamp(3) with time zone, written in UTC at millisecond precision.

CREATE TABLE tillpay_payment (
    payment_id         varchar(64)   NOT NULL,
    store_id           varchar(64)   NOT NULL,
    method_id          varchar(64)   NOT NULL,
    sale_reference     varchar(255)  NOT NULL,
    merchant_reference varchar(255)  NOT NULL,
    currency           char(3)       NOT NULL,
    amount_minor       bigint        NOT NULL,
    vat_amount_minor   bigint        NOT NULL,
    status             varchar(20)   NOT NULL,
    session_id         varchar(255),
    session_url        varchar(1024),
    transaction_id     varchar(255),
    payment_product    varchar(64),
    created_at         timestamp(3) with time zone NOT NULL,
    updated_at         timestamp(3) with time zone NOT NULL,
    expires_at         timestamp(3) with time zone NOT NULL,
    version            bigint        NOT NULL,
    CONSTRAINT tillpay_payment_pk PRIMARY KEY (payment_id),
    CONSTRAINT tillpay_payment_merchant_ref_uq UNIQUE (store_id, merchant_reference)
);

CREATE INDEX tillpay_payment_session_ix ON tillpay_payment (store_id, session_id);

CREATE INDEX tillpay_payment_status_ix ON tillpay_payment (store_id, status);

CREATE TABLE tillpay_payment_line (
    payment_id       varchar(64)  NOT NULL,
    position         int          NOT NULL,
    line_id          varchar(64)  NOT NULL,
    description      varchar(255) NOT NULL,
    quantity         int          NOT NULL,
    unit_price_minor bigint       NOT NULL,
    vat_percent      numeric(5,2) NOT NULL,
    amount_minor     bigint       NOT NULL,
    vat_amount_minor bigint       NOT NULL,
    CONSTRAINT tillpay_payment_line_pk PRIMARY KEY (payment_id, position),
    CONSTRAINT tillpay_payment_line_payment_fk FOREIGN KEY (payment_id) REFERENCES tillpay_payment (payment_id)
);

CREATE TABLE tillpay_payment_event (
    payment_id        varchar(64)   NOT NULL,
    seq               int           NOT NULL,
    status            varchar(20)   NOT NULL,
    at                timestamp(3) with time zone NOT NULL,
    source            varchar(32)   NOT NULL,
    detail            varchar(1024),
    provider_event_id varchar(255),
    CONSTRAINT tillpay_payment_event_pk PRIMARY KEY (payment_id, seq),
    CONSTRAINT tillpay_payment_event_provider_uq UNIQUE (payment_id, provider_event_id),
    CONSTRAINT tillpay_payment_event_payment_fk FOREIGN KEY (payment_id) REFERENCES tillpay_payment (payment_id)
);
