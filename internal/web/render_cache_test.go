package web_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/testutil/apptest"
)

// Shared pages are served from their last execution only while what they
// show is the same (render_cache.go). These try to make the kept page show
// something old or someone else's: a clock boundary crossed with no write
// at all, a write that does not touch updated_at, a language, a query, and
// a signed-in member of staff before and after an anonymous reader.
func TestSharedPagesAreNeverStale(t *testing.T) {
	a := apptest.Start(t, apptest.Options{Demo: true})
	ctx := context.Background()
	path := "/c/" + demo.LACSlug
	anon := a.Client()
	_, first := a.Get(t, anon, path)
	if _, again := a.Get(t, anon, path); again != first {
		t.Fatal("two anonymous views of an unchanged consultation differ")
	}
	if strings.Contains(first, "Registration for this consultation is closed.") {
		t.Fatal("the demo's registration is closed to begin with")
	}

	// Registration closes in a moment; nothing is written when it does.
	ends := time.Now().Add(1500 * time.Millisecond).UTC()
	if _, err := a.DB().Writer().ExecContext(ctx, `UPDATE consultations SET registration_ends=$1 WHERE slug=$2`,
		ends, demo.LACSlug); err != nil {
		t.Fatal(err)
	}
	if _, open := a.Get(t, anon, path); strings.Contains(open, "Registration for this consultation is closed.") {
		t.Fatal("closed before its end")
	}
	time.Sleep(time.Until(ends) + 100*time.Millisecond)
	if _, closed := a.Get(t, anon, path); !strings.Contains(closed, "Registration for this consultation is closed.") {
		t.Fatal("the page still says registration is open after it closed")
	}

	// Languages and queries each get their own page.
	_, fr := a.Get(t, anon, path+"?lang=fr")
	_, es := a.Get(t, anon, path+"?lang=es")
	if !strings.Contains(fr, `lang="fr"`) || !strings.Contains(es, `lang="es"`) {
		t.Fatal("a language's page came from another language")
	}
	if _, fr2 := a.Get(t, anon, path+"?lang=fr"); fr2 != fr {
		t.Fatal("the French page changed with nothing changed")
	}

	// Staff see their navigation; the anonymous reader after them does not,
	// and they still do after the anonymous reader.
	staff := staffClient(t, a, "cache@example.org", "secretariat")
	for range 2 {
		if _, body := a.Get(t, staff, path); !strings.Contains(body, `class="staff"`) {
			t.Fatal("a signed-in member of staff got the anonymous page")
		}
		if _, body := a.Get(t, anon, path); strings.Contains(body, `class="staff"`) || strings.Contains(body, "cache@example.org") {
			t.Fatal("an anonymous reader got a page made for staff")
		}
	}
}
