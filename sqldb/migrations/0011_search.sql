-- People search in Vietnamese name order without leaving the index. A common name
-- ("nguyen van": one person in forty) walks the names in order and tests each folded
-- name; with the folded name and the unit inside the index, each step is the next
-- index entry instead of a random read of the person's row. id follows sort_key so
-- that the index order is exactly the page order (sort_key, id).
DROP INDEX people_sort;
CREATE INDEX people_search ON people(sort_key, id, name_fold, org_id);
