-- name: documents
-- Every source document by its ID, with its title and publication date (for provenance lines).
-- params: none

select source_id, title, publisher, published
from source_document
order by source_id
