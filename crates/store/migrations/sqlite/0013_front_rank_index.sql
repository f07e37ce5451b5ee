-- The front page's ranked stories: without this, the planner walked every published
-- article (by status) to find the few with a rank.
CREATE INDEX articles_ranked_for_front ON articles (status, front_rank) WHERE front_rank IS NOT NULL;
