-- Visits by the value of a dimension, per day: where visitors came from ("referrer": a host such as
-- vnexpress.net, or "(direct)", "(internal)", "(other)", "(unknown)") and what they used ("device":
-- desktop, phone, tablet). Only the derived value is stored: never a full URL, a query or a
-- User-Agent. A new dimension is new rows here, not a new table. Counts are only ever added to.
-- A counter keeps at most 500 values of a dimension a day (then "(other)"), so a day holds a few
-- hundred rows per dimension and per server even when clients send random referrers.
CREATE TABLE bantin_visit_dimension_day (
    dimension VARCHAR(32)  NOT NULL,
    day       VARCHAR(10)  NOT NULL,
    value     VARCHAR(100) NOT NULL,
    visits    BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (dimension, day, value)
);
