-- Every write to the articles moves the change number in the same transaction, whoever writes:
-- the other servers poll that one row and reload what depends on the articles.
CREATE TRIGGER bantin_articles_inserted AFTER INSERT ON bantin_articles
BEGIN
    UPDATE bantin_server_state SET counter = counter + 1 WHERE name = 'article_changes';
END;
CREATE TRIGGER bantin_articles_updated AFTER UPDATE ON bantin_articles
BEGIN
    UPDATE bantin_server_state SET counter = counter + 1 WHERE name = 'article_changes';
END;
CREATE TRIGGER bantin_articles_deleted AFTER DELETE ON bantin_articles
BEGIN
    UPDATE bantin_server_state SET counter = counter + 1 WHERE name = 'article_changes';
END;
