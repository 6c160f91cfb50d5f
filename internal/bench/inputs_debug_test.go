package bench

import (
	"context"
	"os"
	"testing"

	"github.com/consulta/consulta/internal/config"
	"github.com/consulta/consulta/internal/store"
	"github.com/consulta/consulta/internal/testutil/dbtest"
)

func TestDebugExplainPG(t *testing.T) {
	if os.Getenv("DEBUG_EXPLAIN") == "" {
		t.Skip()
	}
	ctx := context.Background()
	url := dbtest.NewPostgres(t)
	db, err := store.Open(ctx, &config.Config{DB: url})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := benchInputs(ctx, db, inputsOptions{Count: 30000, Queries: 1}); err != nil {
		t.Fatal(err)
	}
	rows, err := db.Writer().Query(`EXPLAIN ANALYZE SELECT COUNT(*) FROM (SELECT 1 FROM inputs i JOIN input_versions v ON v.input_id = i.id AND v.version = i.published_version JOIN input_search s ON s.input_id = i.id CROSS JOIN (SELECT websearch_to_tsquery('english', $1) || websearch_to_tsquery('french', $1) || websearch_to_tsquery('spanish', $1) || websearch_to_tsquery('portuguese', $1) || websearch_to_tsquery('russian', $1) || websearch_to_tsquery('arabic', $1) || websearch_to_tsquery('simple', $1) AS q) tq WHERE i.status = 'published' AND i.publication <> 'private' AND i.published_version > 0 AND i.review_id = 1 AND s.tsv @@ tq.q LIMIT 201) AS matched`, "tag77x")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var l string
		rows.Scan(&l)
		t.Log(l)
	}
}
