package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/store"
	"github.com/consulta/consulta/internal/testutil/apptest"
	"github.com/consulta/consulta/internal/testutil/dbtest"
)

// queryPages are the main pages whose cost must not grow with the data.
var queryPages = []string{"/", "/c/" + demo.LACSlug, "/c/" + demo.LACSlug + "/register", "/api/v1/consultations", "/admin"}

// TestQueriesDoNotGrowWithTheData counts the SQL statements each main page
// runs, adds reviews and consultations, and counts again:
// the counts must be the same (no query per review or per consultation).
func TestQueriesDoNotGrowWithTheData(t *testing.T) {
	for _, engine := range dbtest.Engines() {
		t.Run(engine, func(t *testing.T) {
			a := apptest.Start(t, apptest.Options{Demo: true, DB: dbtest.AppDB(t, engine)})
			srv := countingServer(t, a)
			c := staffClient(t, a, "count@example.org", "admin")
			before := countPages(t, c, srv)
			addContent(t, a.DB(), 3, 20)
			after := countPages(t, c, srv)
			for _, p := range queryPages {
				t.Logf("%s: %d queries before, %d after", p, before[p], after[p])
				if before[p] == 0 || after[p] != before[p] {
					t.Errorf("%s: %d queries with the demo data, %d with 3 more reviews and 20 more consultations",
						p, before[p], after[p])
				}
			}
		})
	}
}

// countedQueries is the response header countingServer reports the
// request's statements in.
const countedQueries = "X-Test-Queries"

// countingServer serves the app's handler with every request's store
// statements counted (store.CountQueries). The response is recorded first
// so the count, known only when the handler returns, can go in a header.
func countingServer(t *testing.T, a *apptest.App) *httptest.Server {
	h := a.App.Web.Handler()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var n atomic.Int64
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r.WithContext(store.CountQueries(r.Context(), &n)))
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.Header().Set(countedQueries, fmt.Sprint(n.Load()))
		w.WriteHeader(rec.Code)
		_, _ = w.Write(rec.Body.Bytes())
	}))
	t.Cleanup(srv.Close)
	return srv
}

// countPages GETs each page twice (the first may warm caches) and returns
// the second request's statement count.
func countPages(t *testing.T, c *http.Client, srv *httptest.Server) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, p := range queryPages {
		for range 2 {
			resp, err := c.Get(srv.URL + p)
			if err != nil {
				t.Fatal(err)
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("GET %s: %d", p, resp.StatusCode)
			}
			var n int
			fmt.Sscan(resp.Header.Get(countedQueries), &n)
			out[p] = n
		}
	}
	return out
}

// addContent stores more reviews (texts and questions) and more published
// consultations (texts and questions) under the demo review, each with a
// capacity, so their places left are shown too (read with the consultation).
func addContent(t *testing.T, db *store.DB, reviews, consultations int) {
	t.Helper()
	ctx := context.Background()
	for i := range reviews {
		r := demo.Review()
		r.Slug = fmt.Sprintf("review-%d", i)
		if err := db.SaveReview(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	lac, err := db.ConsultationBySlug(ctx, demo.LACSlug)
	if err != nil {
		t.Fatal(err)
	}
	for i := range consultations {
		c, err := demo.LAC(time.Now())
		if err != nil {
			t.Fatal(err)
		}
		c.Slug, c.ReviewID, c.Capacity = fmt.Sprintf("more-%d", i), lac.ReviewID, 100+i
		if err := db.SaveConsultation(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
}
