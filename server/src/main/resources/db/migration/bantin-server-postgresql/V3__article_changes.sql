-- Every write to the articles moves the change number in the same transaction, whoever writes:
-- the other servers poll that one row and reload what depends on the articles. Once per
-- row, not per statement: a statement that changes nothing (a conditional UPDATE that lost)
-- leaves the number alone.
CREATE FUNCTION bantin_article_changed() RETURNS trigger AS $$
BEGIN
    UPDATE bantin_server_state SET counter = counter + 1 WHERE name = 'article_changes';
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER bantin_articles_changed AFTER INSERT OR UPDATE OR DELETE ON bantin_articles
    FOR EACH ROW EXECUTE FUNCTION bantin_article_changed();
