-- The portal's CAPTCHA challenges are signed, not stored; a challenge once
-- answered (rightly or not) is recorded here until it expires, so that one
-- solved picture files one appeal, whichever instance is asked.
CREATE TABLE captcha_spent (
    nonce      TEXT   NOT NULL PRIMARY KEY,
    expires_at BIGINT NOT NULL
);
CREATE INDEX captcha_spent_expires ON captcha_spent (expires_at);
